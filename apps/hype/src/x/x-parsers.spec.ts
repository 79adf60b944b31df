import { bucketIntoGrid, granularityFor, xTime } from './bucket-counts';
import { parseCounts } from './x-counts.parser';
import { parseXProblem, xProblemText } from './x-problem.parser';
import { parseSearch } from './x-search.parser';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const K0 = T0 / 900_000;
const minute = (i: number, n: number) => ({ start: new Date(T0 + i * 60_000).toISOString(), end: new Date(T0 + (i + 1) * 60_000).toISOString(), tweet_count: n });

describe('parseCounts()', () => {
  it('should reject bad buckets alone, with the field and value named', () => {
    const r = parseCounts({ data: [minute(0, 1), { start: minute(1, 0).start, end: minute(1, 0).end }, { ...minute(2, 0), tweet_count: -1 }, 'x', { ...minute(3, 0), end: 'soon' }], meta: {} });
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ buckets: [{ startMs: T0, endMs: T0 + 60_000, count: 1 }], total: null }) });
    if (r.ok) {
      expect(r.value.rejected).toEqual([
        'data[1].tweet_count: not a whole number ≥ 0, got nothing', 'data[2].tweet_count: not a whole number ≥ 0, got -1',
        'data[3]: not an object, got "x"', 'data[4].end: not a time after start, got "soon"',
      ]);
    }
  });

  it('should refuse garbage as a whole and read the next page token', () => {
    expect(parseCounts('<html>')).toMatchObject({ ok: false });
    expect(parseCounts({ data: {}, meta: {} })).toEqual({ ok: false, reason: 'data: not a list, got {}' });
    expect(parseCounts({ errors: [{ message: 'boom' }] })).toMatchObject({ ok: false, reason: expect.stringMatching(/errors only/) });
    expect(parseCounts({ data: [], meta: { total_tweet_count: 0, next_token: 'abc' } })).toEqual({ ok: true, value: { buckets: [], rejected: [], total: 0, nextToken: 'abc' } });
  });
});

describe('parseSearch()', () => {
  it('should read an empty result (result_count 0, no data)', () => {
    expect(parseSearch({ meta: { result_count: 0 } })).toEqual({ ok: true, value: { tweets: [], rejected: [], resultCount: 0, nextToken: null } });
  });

  it('should reject posts without text or id alone and keep created_at', () => {
    const r = parseSearch({
      data: [{ id: '1', text: 'great', created_at: '2026-03-01T10:01:00.000Z' }, { id: '2' }, { text: 'no id' }, null],
      meta: { result_count: 4, next_token: 'n' },
    });
    expect(r).toEqual({ ok: true, value: {
      tweets: [{ id: '1', text: 'great', createdAt: '2026-03-01T10:01:00.000Z' }],
      rejected: ['post 2: text missing, got nothing', 'data[2].id: missing, got nothing', 'data[3]: not an object, got null'],
      resultCount: 4, nextToken: 'n',
    } });
  });

  it('should refuse what is not a search answer', () => {
    expect(parseSearch([1, 2])).toMatchObject({ ok: false, reason: expect.stringMatching(/not an object/) });
    expect(parseSearch({ data: 'x', meta: {} })).toMatchObject({ ok: false });
  });
});

describe('parseXProblem()', () => {
  it("should read X's problem bodies and the older errors list", () => {
    const invalid = { errors: [{ parameters: { query: [''] }, message: 'The `query` query parameter can not be empty' }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' };
    expect(xProblemText(parseXProblem(invalid)!)).toBe('Invalid Request: One or more parameters to your request was invalid.');
    expect(parseXProblem({ errors: [{ message: 'Rate limit exceeded', code: 88 }] })).toEqual({ title: 'Rate limit exceeded', detail: null, type: null, status: null });
    expect(parseXProblem('not json')).toBeNull();
    expect(parseXProblem({ ok: true })).toBeNull();
  });
});

describe('bucketIntoGrid()', () => {
  it('should sum whole minutes into 15-minute intervals and leave partly covered ones out', () => {
    const buckets = Array.from({ length: 29 }, (_, i) => minute(i, 2)).map((b) => ({ startMs: Date.parse(b.start), endMs: Date.parse(b.end), count: b.tweet_count }));
    expect(bucketIntoGrid(buckets, 15, K0, K0 + 1)).toEqual({ counts: new Map([[K0, 30]]), incomplete: [K0 + 1] });
  });

  it('should refuse duplicated coverage and buckets crossing a boundary', () => {
    const b = (startMin: number, endMin: number, count: number) => ({ startMs: T0 + startMin * 60_000, endMs: T0 + endMin * 60_000, count });
    expect(bucketIntoGrid([b(0, 15, 3), b(0, 15, 3)], 15, K0, K0).incomplete).toEqual([K0]);
    expect(bucketIntoGrid([b(0, 10, 1), b(10, 20, 1), b(20, 30, 1)], 15, K0, K0 + 1)).toEqual({ counts: new Map(), incomplete: [K0, K0 + 1] });
    expect(bucketIntoGrid([b(0, 15, 0)], 15, K0, K0).counts.get(K0)).toBe(0);
  });

  it('should pick the coarsest granularity that tiles the grid and format times as X documents', () => {
    expect([15, 30, 60, 120, 1440].map(granularityFor)).toEqual(['minute', 'minute', 'hour', 'hour', 'day']);
    expect(xTime(K0, 15)).toBe('2026-03-01T10:00:00Z');
  });
});
