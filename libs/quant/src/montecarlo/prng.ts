import { QuantInputError } from '../stats/errors';

/**
 * The Monte Carlo's random numbers: xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it), seeded by
 * splitmix32 (a Weyl sequence of step 0x9e3779b9 through Wellons' "lowbias32" finalizer). Only 32-bit integer
 * arithmetic (Math.imul, shifts, xor) and exact IEEE doubles are used, so a seed gives the same numbers on every
 * machine and Node version; prng.spec.ts checks the outputs against the C reference in
 * fixtures/xoshiro128ss-reference.c. Math.random is never used.
 *
 * Independent streams (one per Monte Carlo method) are the seeded state advanced by `jump()` k times: 2^64
 * outputs apart, so adding a method never changes the numbers of another.
 */
export class Xoshiro128 {
  /** The state in an Int32Array: four uint32 words as int32, no heap numbers in the hot loop. */
  private readonly s = new Int32Array(4);

  /** `seed`: a whole number in 0..2^32 − 1. */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new QuantInputError('BAD_PARAMETER', `seed: expected a whole number in 0..4294967295, got ${seed}`);
    }
    let weyl = seed | 0;
    for (let i = 0; i < 4; i++) {
      weyl = (weyl + 0x9e3779b9) | 0;
      let z = weyl;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      this.s[i] = z ^ (z >>> 15);
    }
    // splitmix32 never yields four zero words from one Weyl sequence, but the all-zero state would be a fixed point
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
  }

  /** A generator on an explicit state (tests against the reference's {1, 2, 3, 4}). */
  static fromState(words: readonly [number, number, number, number]): Xoshiro128 {
    const g = new Xoshiro128(0);
    for (let i = 0; i < 4; i++) g.s[i] = words[i] | 0;
    return g;
  }

  /** The state as four uint32 words. */
  state(): [number, number, number, number] {
    return [this.s[0] >>> 0, this.s[1] >>> 0, this.s[2] >>> 0, this.s[3] >>> 0];
  }

  /** The next output as an int32 (its bits are the uint32 output; `>>> 0` gives 0..2^32 − 1). */
  nextInt32(): number {
    const s = this.s;
    const s1 = s[1];
    const r5 = Math.imul(s1, 5);
    const result = Math.imul((r5 << 7) | (r5 >>> 25), 9);
    const t = s1 << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    const s3 = s[3];
    s[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** The next output as 0..2^32 − 1. */
  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits: u32 · 2^−32 (exact). */
  nextDouble(): number {
    return (this.nextInt32() >>> 0) * 2.3283064365386963e-10;
  }

  /**
   * Uniform whole number in 0..n − 1 by multiply-shift, floor(u32 · n / 2^32) — exact in doubles for n ≤ 2^21
   * (the product stays below 2^53), deterministic everywhere; its bias (at most n / 2^32, < 5e-4 at n = 2^21) is far
   * below Monte Carlo noise. `n` is not checked here (hot loop): callers validate it once with `checkBound`.
   */
  below(n: number): number {
    return Math.floor((this.nextInt32() >>> 0) * n * 2.3283064365386963e-10);
  }

  /** Advances the state by 2^64 outputs (the reference jump()): the start of the next independent stream. */
  jump(): void {
    const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          s0 ^= this.s[0];
          s1 ^= this.s[1];
          s2 ^= this.s[2];
          s3 ^= this.s[3];
        }
        this.nextInt32();
      }
    }
    this.s[0] = s0;
    this.s[1] = s1;
    this.s[2] = s2;
    this.s[3] = s3;
  }

  /** The generator for stream `k` of `seed`: seeded, then `k` jumps. */
  static stream(seed: number, k: number): Xoshiro128 {
    const g = new Xoshiro128(seed);
    for (let i = 0; i < k; i++) g.jump();
    return g;
  }
}

/** The largest n `below(n)` is exact for. */
export const MAX_BELOW = 2 ** 21;

/** Refuses a range `below` would not draw exactly from. */
export function checkBound(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_BELOW) {
    throw new QuantInputError('BAD_PARAMETER', `${what}: expected 1..${MAX_BELOW} items to draw from, got ${n}`);
  }
}
