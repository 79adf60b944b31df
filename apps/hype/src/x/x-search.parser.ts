import { ParseOutcome, isObject, preview } from './parse-outcome';

export interface ParsedTweet {
  readonly id: string;
  readonly text: string;
  /** ISO when tweet.fields asked for it */
  readonly createdAt: string | null;
}

export interface ParsedSearch {
  readonly tweets: ParsedTweet[];
  readonly rejected: string[];
  /** meta.result_count (0 for an empty result, which has no `data`) */
  readonly resultCount: number;
  readonly nextToken: string | null;
}

/**
 * Parses a recent-search answer (`{data: [{id, text, …}], meta: {result_count, next_token?}}`; an empty
 * result is `{meta: {result_count: 0}}` without data). A post without an id or text is rejected alone.
 */
export function parseSearch(raw: unknown): ParseOutcome<ParsedSearch> {
  if (!isObject(raw)) return { ok: false, reason: `search answer is not an object: ${preview(raw)}` };
  const meta = isObject(raw.meta) ? raw.meta : {};
  if (raw.data === undefined && !isObject(raw.meta)) {
    return { ok: false, reason: Array.isArray(raw.errors) ? `search answer holds errors only: ${preview(raw.errors)}` : `not a search answer (no data, no meta): ${preview(raw)}` };
  }
  if (raw.data !== undefined && !Array.isArray(raw.data)) return { ok: false, reason: `data: not a list, got ${preview(raw.data)}` };
  const tweets: ParsedTweet[] = [];
  const rejected: string[] = [];
  ((raw.data as unknown[] | undefined) ?? []).forEach((t, i) => {
    if (!isObject(t)) return void rejected.push(`data[${i}]: not an object, got ${preview(t)}`);
    if (typeof t.id !== 'string' || !/^\d+$/.test(t.id)) return void rejected.push(`data[${i}].id: missing, got ${preview(t.id)}`);
    if (typeof t.text !== 'string') return void rejected.push(`post ${t.id}: text missing, got ${preview(t.text)}`);
    const created = typeof t.created_at === 'string' ? Date.parse(t.created_at) : NaN;
    tweets.push({ id: t.id, text: t.text, createdAt: Number.isFinite(created) ? new Date(created).toISOString() : null });
  });
  const count = meta.result_count;
  return {
    ok: true,
    value: {
      tweets, rejected,
      resultCount: typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : tweets.length + rejected.length,
      nextToken: typeof meta.next_token === 'string' && meta.next_token ? meta.next_token : null,
    },
  };
}
