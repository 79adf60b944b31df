import { hash4, uniform } from '../random';
import { CH } from '../series';
import { NEGATIVE_PHRASES, NEUTRAL_PHRASES, POSITIVE_PHRASES } from '../words';
import { SimMarket, World } from '../world';

// Math's functions bound once: global lookups are slow inside Jest's VM context.
const { ceil, floor, max, min } = Math;

const TWITTER_EPOCH = 1288834974657n;

export interface SimTweet {
  readonly id: bigint;
  readonly timeMs: number;
  readonly market: SimMarket;
  readonly k: number;
  readonly j: number;
}

/**
 * Time of tweet j (0 ≤ j < h[k]) of interval k: slot j mod 15 of the interval (a slot is a fifteenth
 * of it: a minute on the default 15-minute grid), so slot m holds ⌊h/15⌋ + (m < h mod 15 ? 1 : 0)
 * tweets — the counts' "split evenly across minutes".
 */
export function tweetTime(world: World, m: SimMarket, k: number, j: number, h: number): number {
  const MINUTE = slotMs(world);
  const perMinute = ceil(h / 15);
  const step = max(1, floor(MINUTE / perMinute));
  const offset = hash4(world.options.seed, m.index, k, CH.TWEET * 1000 + (j % 1000)) % step;
  return world.clock.startOf(k) + (j % 15) * MINUTE + floor(j / 15) * step + offset;
}

/** Snowflake-like id: time in the high bits (so ids sort by time), market and j in the low 22 bits. */
export function tweetId(timeMs: number, m: SimMarket, j: number): bigint {
  return ((BigInt(timeMs) - TWITTER_EPOCH) << 22n) | BigInt(((m.index & 0x3fff) << 8) | (j & 0xff));
}

/** One fifteenth of an interval: a minute on the default 15-minute grid. */
function slotMs(world: World): number {
  return world.clock.intervalMs / 15;
}

/** Number of m's tweets of interval k with a ≤ time < b; whole slots are counted without listing tweets. */
export function tweetsInWindow(world: World, m: SimMarket, k: number, a: number, b: number): number {
  const MINUTE = slotMs(world);
  const start = world.clock.startOf(k);
  if (b <= start || a >= start + 15 * MINUTE) return 0;
  const h = world.series(m).hype(k);
  if (h === 0) return 0;
  if (a <= start && start + 15 * MINUTE <= b) return h;
  let n = 0;
  for (let minute = 0; minute < 15; minute++) {
    const ms = start + minute * MINUTE;
    if (ms + MINUTE <= a || ms >= b) continue;
    if (a <= ms && ms + MINUTE <= b) {
      n += floor(h / 15) + (minute < h % 15 ? 1 : 0);
      continue;
    }
    for (let j = minute; j < h; j += 15) {
      const t = tweetTime(world, m, k, j, h);
      if (t >= a && t < b) n++;
    }
  }
  return n;
}

/** m's tweets of interval k within [a, b). */
export function tweetsOf(world: World, m: SimMarket, k: number, a: number, b: number): SimTweet[] {
  const h = world.series(m).hype(k);
  const out: SimTweet[] = [];
  for (let j = 0; j < h; j++) {
    const t = tweetTime(world, m, k, j, h);
    if (t >= a && t < b) out.push({ id: tweetId(t, m, j), timeMs: t, market: m, k, j });
  }
  return out;
}

/**
 * Text of a tweet. It names the market (subject, predicate, date — so every keyword word is in
 * it) and leans with the price move of the last hour (logit change L[k] − L[k−4]): after a rise
 * most tweets use clearly positive words ("great", "love", "excellent"), after a fall clearly
 * negative ones ("terrible", "hate", "awful"); about 20 % stay neutral.
 */
export function tweetText(world: World, tw: SimTweet): string {
  const { seed } = world.options;
  const m = tw.market;
  const s = world.series(m);
  const move = s.logitAt(tw.k) - s.logitAt(tw.k - 4);
  const pPositive = 0.5 + max(-0.45, min(0.45, move * 3));
  const u = uniform(seed, m.index, tw.k, CH.TWEET * 7919 + (tw.j % 100_000));
  const pick = (list: readonly string[]) => list[hash4(seed, m.index, tw.k, CH.TWEET * 31 + tw.j) % list.length];
  const phrase = u < 0.8 * pPositive ? pick(POSITIVE_PHRASES) : u < 0.8 ? pick(NEGATIVE_PHRASES) : pick(NEUTRAL_PHRASES);
  const tag = `#${m.subject.kw.replace(/[^a-z0-9]/g, '')}`;
  const about = `${m.subject.text} ${m.predicate.text} by ${m.groupItemTitle}`;
  switch (tw.j % 3) {
    case 0: return `Will ${about}? ${phrase} ${tag}`;
    case 1: return `${phrase[0].toUpperCase()}${phrase.slice(1)}: odds that ${about} ${tag}`;
    default: return `${tag} ${about}? ${phrase}`;
  }
}
