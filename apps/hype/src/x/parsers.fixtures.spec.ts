import { rateLimitResetMs, retryAfterOf } from '@polytrader/platform';
import { meanCompound } from '@polytrader/quant';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bucketIntoGrid } from './bucket-counts';
import { parseCounts } from './x-counts.parser';
import { parseXProblem } from './x-problem.parser';
import { parseSearch } from './x-search.parser';

/** The recorded API responses in fixtures/recorded (see its SOURCES.md). */
const FIXTURES = resolve(__dirname, '../../../../fixtures/recorded');
const load = (p: string): unknown => JSON.parse(readFileSync(join(FIXTURES, p), 'utf8'));
const headersOf = (p: string) => {
  const recorded = load(p) as { status: number; headers: Record<string, string> };
  return { status: recorded.status, headers: new Headers(recorded.headers) };
};
const iso = (ms: number) => new Date(ms).toISOString();
const gridIndex = (isoTime: string, minutes: number) => Math.floor(Date.parse(isoTime) / (minutes * 60_000));

/** Every X fixture, and the parser that covers it. */
const COVERAGE: Record<string, (raw: unknown) => void> = {
  'twitter/counts_recent_day_docs_example.json': (raw) => {
    const r = parseCounts(raw);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value).toMatchObject({ rejected: [], total: 16, nextToken: null });
    expect(r.value.buckets.map((b) => [iso(b.startMs), b.count])).toEqual([
      ['2024-01-15T00:00:00.000Z', 5], ['2024-01-16T00:00:00.000Z', 3], ['2024-01-17T00:00:00.000Z', 8],
    ]);
    // day buckets fill a day grid; on the 15-minute grid they cannot be split
    const day = bucketIntoGrid(r.value.buckets, 1440, gridIndex('2024-01-15T00:00:00Z', 1440), gridIndex('2024-01-17T00:00:00Z', 1440));
    expect([...day.counts.values()]).toEqual([5, 3, 8]);
    const k = gridIndex('2024-01-16T00:00:00Z', 15);
    expect(bucketIntoGrid(r.value.buckets, 15, k, k + 3)).toEqual({ counts: new Map(), incomplete: [k, k + 1, k + 2, k + 3] });
  },
  'twitter/counts_recent_hourly.json': (raw) => {
    const r = parseCounts(raw);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.buckets).toHaveLength(169);
    expect(r.value.rejected).toEqual([]);
    expect(r.value.buckets.reduce((s, b) => s + b.count, 0)).toBe(r.value.total);
    expect(r.value.total).toBe(411);
    // the first and last buckets are partial (19:18:24 → 20:00, 19:00 → 19:18:24): those hours are not whole
    const first = gridIndex('2021-09-13T19:00:00Z', 60);
    const last = gridIndex('2021-09-20T19:00:00Z', 60);
    const grid = bucketIntoGrid(r.value.buckets, 60, first, last);
    expect(grid.incomplete).toEqual([first, last]);
    expect(grid.counts.size).toBe(167);
    expect(grid.counts.get(gridIndex('2021-09-14T04:00:00Z', 60))).toBe(6);
  },
  'twitter/counts_recent_hourly.headers.json': () => {
    const { headers } = headersOf('twitter/counts_recent_hourly.headers.json');
    expect(rateLimitResetMs(headers)).toBe(1_632_166_413_000);
    expect(headers.get('x-rate-limit-remaining')).toBe('299');
  },
  'twitter/search_recent_default_fields.json': (raw) => {
    const r = parseSearch(raw);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value).toMatchObject({ resultCount: 10, rejected: [], nextToken: 'b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul' });
    expect(r.value.tweets[0]).toEqual({ id: '1578516068309794817', text: '2022-10-07 22:42:12.637103 tweepy', createdAt: null });
    expect(meanCompound(r.value.tweets.map((t) => t.text))).toBe(0);
  },
  'twitter/search_recent_default_fields.headers.json': () => {
    const { headers } = headersOf('twitter/search_recent_default_fields.headers.json');
    expect(rateLimitResetMs(headers)).toBe(1_665_183_229_000);
    expect(headers.get('x-rate-limit-limit')).toBe('450');
  },
  'twitter/search_recent_with_retweets.json': (raw) => {
    const r = parseSearch(raw);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.tweets).toHaveLength(10);
    const rts = r.value.tweets.filter((t) => t.text.startsWith('RT @'));
    expect(rts).toHaveLength(3);
    expect(rts[0].text.endsWith('#A…')).toBe(true);
    // "We don't need your help!": VADER negates "help" → negative; the dated bot posts are neutral
    expect(meanCompound(rts.map((t) => t.text))).toBeCloseTo(-0.4295, 4);
    expect(meanCompound(r.value.tweets.map((t) => t.text))).toBeCloseTo((3 * -0.4295) / 10, 4);
  },
  'twitter/search_recent_with_retweets.headers.json': () => {
    const { headers } = headersOf('twitter/search_recent_with_retweets.headers.json');
    expect(rateLimitResetMs(headers)).toBe(1_665_184_962_000);
  },
  'twitter/error_429_too_many_requests.json': (raw) => {
    expect(parseXProblem(raw)).toEqual({ title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });
    expect(parseXProblem(JSON.stringify(raw))?.title).toBe('Too Many Requests');
    // an error body is not a counts or search answer: refused as a whole, never read as "0 posts"
    expect(parseCounts(raw)).toMatchObject({ ok: false, reason: expect.stringMatching(/^not a counts answer/) });
    expect(parseSearch(raw)).toMatchObject({ ok: false, reason: expect.stringMatching(/^not a search answer/) });
  },
  'twitter/error_429_too_many_requests.headers.json': () => {
    const { status, headers } = headersOf('twitter/error_429_too_many_requests.headers.json');
    expect(status).toBe(429);
    expect(rateLimitResetMs(headers)).toBe(1_660_051_376_000);
    // no Retry-After: the reset header decides how long to wait (30 s before the recorded reset → 30 s)
    expect(retryAfterOf(headers, 1_660_051_346_000)).toBe(30_000);
  },
};

describe('X parsers against the recorded fixtures', () => {
  const files = readdirSync(join(FIXTURES, 'twitter')).filter((f) => f.endsWith('.json')).map((f) => `twitter/${f}`);

  it('should cover every X fixture file', () => {
    expect(files.filter((f) => !(f in COVERAGE))).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it.each(Object.keys(COVERAGE))('should handle %s', (file) => COVERAGE[file](load(file)));
});
