/**
 * Deterministic randomness. Two flavours, both pure functions of their inputs:
 * - `hash4` / `uniform` / `normal`: a value addressed by a tuple (seed, market, interval, channel),
 *   so any point of any series can be recomputed lazily, in any order, in any process;
 * - `Rng`: a sequential mulberry32 generator for static draws (one per market, seeded by a hash).
 */

// Math's functions bound once: global lookups are slow inside Jest's VM context.
const { imul, sqrt, log, cos, floor, round, max, exp, PI } = Math;

const TWO_32 = 4294967296;

function mix(h: number, w: number): number {
  let k = imul(w | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (imul(h, 5) + 0xe6546b64) | 0;
}

/** murmur3-style 32-bit hash of four 32-bit integers (negative integers are fine). */
export function hash4(a: number, b: number, c: number, d: number): number {
  let h = 0x9e3779b9;
  h = mix(h, a);
  h = mix(h, b);
  h = mix(h, c);
  h = mix(h, d);
  h ^= 16;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1) addressed by a tuple. */
export function uniform(a: number, b: number, c: number, d: number): number {
  return hash4(a, b, c, d) / TWO_32;
}

/** Standard normal addressed by a tuple (Box–Muller over two independent uniforms). */
export function normal(a: number, b: number, c: number, d: number): number {
  const u1 = (hash4(a, b, c, d) + 0.5) / TWO_32;
  const u2 = hash4(a, b, c, d ^ 0x5bd1e995) / TWO_32;
  return sqrt(-2 * log(u1)) * cos(2 * PI * u2);
}

/** Sequential seeded generator (mulberry32) with the usual helpers. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_32;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return floor(this.next() * n);
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Standard normal via Box–Muller. */
  normal(): number {
    const u1 = this.next() || 1 / TWO_32;
    const u2 = this.next();
    return sqrt(-2 * log(u1)) * cos(2 * PI * u2);
  }

  /** Poisson count: Knuth's product method below 30, rounded normal approximation above. */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda >= 30) return max(0, round(lambda + sqrt(lambda) * this.normal()));
    const limit = exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Fisher–Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}
