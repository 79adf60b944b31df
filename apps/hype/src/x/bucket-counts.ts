import { intervalIndex, intervalMs, intervalStartMs } from '@polytrader/quant';
import { CountBucket } from './x-counts.parser';

export interface GridCounts {
  /** interval index → posts, only for intervals the buckets cover completely */
  readonly counts: Map<number, number>;
  /** intervals of the range left out: not covered completely, or crossed by a bucket */
  readonly incomplete: number[];
}

/**
 * Sums count buckets into the interval grid for intervals `fromIndex`…`toIndex` (inclusive). An interval
 * counts only when buckets cover its whole span exactly once; a bucket crossing an interval boundary
 * (e.g. hour buckets on a 15-minute grid) cannot be split and leaves the intervals it touches out.
 */
export function bucketIntoGrid(buckets: readonly CountBucket[], minutes: number, fromIndex: number, toIndex: number): GridCounts {
  const span = intervalMs(minutes);
  const sums = new Map<number, number>();
  const covered = new Map<number, number>();
  const broken = new Set<number>();
  for (const b of buckets) {
    const first = intervalIndex(b.startMs, minutes);
    const last = intervalIndex(b.endMs - 1, minutes);
    if (last < fromIndex || first > toIndex) continue;
    if (first !== last) {
      for (let k = Math.max(first, fromIndex); k <= Math.min(last, toIndex); k++) broken.add(k);
      continue;
    }
    sums.set(first, (sums.get(first) ?? 0) + b.count);
    covered.set(first, (covered.get(first) ?? 0) + (b.endMs - b.startMs));
  }
  const counts = new Map<number, number>();
  const incomplete: number[] = [];
  for (let k = fromIndex; k <= toIndex; k++) {
    if (!broken.has(k) && covered.get(k) === span) counts.set(k, sums.get(k)!);
    else incomplete.push(k);
  }
  return { counts, incomplete };
}

/** X's granularity for a grid: the coarsest bucket that tiles the intervals (fewer buckets per answer). */
export function granularityFor(minutes: number): 'minute' | 'hour' | 'day' {
  if (minutes % 1440 === 0) return 'day';
  if (minutes % 60 === 0) return 'hour';
  return 'minute';
}

/** RFC 3339 without milliseconds, as X documents its start_time / end_time. */
export function xTime(index: number, minutes: number): string {
  return new Date(intervalStartMs(index, minutes)).toISOString().replace(/\.000Z$/, 'Z');
}
