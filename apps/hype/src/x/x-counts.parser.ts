import { ParseOutcome, isObject, preview } from './parse-outcome';

/** One bucket of GET /2/tweets/counts/recent: posts with start ≤ time < end. */
export interface CountBucket {
  readonly startMs: number;
  readonly endMs: number;
  readonly count: number;
}

export interface ParsedCounts {
  readonly buckets: CountBucket[];
  /** one reason per rejected bucket */
  readonly rejected: string[];
  /** meta.total_tweet_count when given */
  readonly total: number | null;
  /** meta.next_token: more buckets on another page */
  readonly nextToken: string | null;
}

/**
 * Parses a counts answer (`{data: [{start, end, tweet_count}], meta: {total_tweet_count, next_token?}}`).
 * A bucket without a readable start/end or a whole non-negative tweet_count is rejected alone;
 * an answer that is not an object, holds errors and no data, or has neither data nor meta (an error
 * body) is refused as a whole.
 */
export function parseCounts(raw: unknown): ParseOutcome<ParsedCounts> {
  if (!isObject(raw)) return { ok: false, reason: `counts answer is not an object: ${preview(raw)}` };
  const meta = isObject(raw.meta) ? raw.meta : {};
  if (raw.data === undefined && Array.isArray(raw.errors)) return { ok: false, reason: `counts answer holds errors only: ${preview(raw.errors)}` };
  if (raw.data === undefined && !isObject(raw.meta)) return { ok: false, reason: `not a counts answer (no data, no meta): ${preview(raw)}` };
  if (raw.data !== undefined && !Array.isArray(raw.data)) return { ok: false, reason: `data: not a list, got ${preview(raw.data)}` };
  const buckets: CountBucket[] = [];
  const rejected: string[] = [];
  ((raw.data as unknown[] | undefined) ?? []).forEach((b, i) => {
    const r = parseBucket(b, i);
    if (typeof r === 'string') rejected.push(r);
    else buckets.push(r);
  });
  const total = meta.total_tweet_count;
  return {
    ok: true,
    value: {
      buckets, rejected,
      total: typeof total === 'number' && Number.isInteger(total) && total >= 0 ? total : null,
      nextToken: typeof meta.next_token === 'string' && meta.next_token ? meta.next_token : null,
    },
  };
}

function parseBucket(b: unknown, i: number): CountBucket | string {
  if (!isObject(b)) return `data[${i}]: not an object, got ${preview(b)}`;
  const startMs = typeof b.start === 'string' ? Date.parse(b.start) : NaN;
  const endMs = typeof b.end === 'string' ? Date.parse(b.end) : NaN;
  if (!Number.isFinite(startMs)) return `data[${i}].start: not a time, got ${preview(b.start)}`;
  if (!Number.isFinite(endMs) || endMs <= startMs) return `data[${i}].end: not a time after start, got ${preview(b.end)}`;
  const n = b.tweet_count;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return `data[${i}].tweet_count: not a whole number ≥ 0, got ${preview(n)}`;
  return { startMs, endMs, count: n };
}
