import { SimMarket, World } from '../world';
import { tweetsInWindow } from './tweets';
import { XParamError } from './x-errors';

const GRANULARITY_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export interface CountBucket {
  end: string;
  start: string;
  tweet_count?: number;
}

/**
 * Counts for /2/tweets/counts/recent: buckets on the UTC minute/hour/day grid between start and
 * end, the first and last bucket cut at start and end (as in twitter/counts_recent_hourly.json).
 * A bucket counts the tweets of every matched market whose time falls inside it — the same
 * tweets search returns — so minute, hour and day counts of one range always have the same sum.
 */
export function countBuckets(world: World, markets: readonly SimMarket[], granularity: string, start: number, end: number): CountBucket[] {
  const step = GRANULARITY_MS[granularity];
  if (!step) throw new XParamError('granularity', granularity, `The \`granularity\` query parameter value [${granularity}] is not one of [minute,hour,day]`);
  const out: CountBucket[] = [];
  for (let a = start; a < end;) {
    const b = Math.min(end, (Math.floor(a / step) + 1) * step);
    let n = 0;
    if (markets.length > 0) {
      for (let k = world.clock.indexAt(a); k <= world.clock.indexAt(b - 1); k++) {
        for (const m of markets) n += tweetsInWindow(world, m, k, a, b);
      }
    }
    out.push({ end: new Date(b).toISOString(), start: new Date(a).toISOString(), tweet_count: n });
    a = b;
  }
  return out;
}
