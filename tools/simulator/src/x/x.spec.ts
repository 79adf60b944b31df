import type { Simulator } from '../index';
import { queryForMarket } from '../index';
import { fixture, FIXED_NOW, req, sim, typeMismatches } from '../testing/kit';

const AUTH = { authorization: 'Bearer test-token' };
interface Counts { data: { start: string; end: string; tweet_count: number }[]; meta: { total_tweet_count: number } }
interface Search { data?: { id: string; text: string; edit_history_tweet_ids: string[]; created_at?: string }[]; meta: { result_count: number; newest_id?: string; oldest_id?: string; next_token?: string } }

describe('X API v2', () => {
  let s: Simulator;
  let slug: string;
  beforeAll(async () => {
    s = await sim({ markets: 30 });
    slug = s.markets()[0].slug;
  });
  afterAll(() => s.close());

  const counts = (q: string, headers: Record<string, string> = AUTH) => req<Counts>(`${s.urls.x}/2/tweets/counts/recent?${q}`, { headers });
  const search = (q: string, headers: Record<string, string> = AUTH) => req<Search>(`${s.urls.x}/2/tweets/search/recent?${q}`, { headers });

  describe('auth', () => {
    it('should answer 401 in X\'s shape without a bearer token', async () => {
      for (const headers of [{}, { authorization: 'Bearer ' }, { authorization: 'Basic abc' }] as Record<string, string>[]) {
        const r = await search(`query=${slug}`, headers);
        expect(r.status).toBe(401);
        expect(r.body).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
      }
    });
  });

  describe('GET /2/tweets/counts/recent', () => {
    it('should have the recorded shape: hourly buckets, the first one starting at start_time', async () => {
      const recorded = fixture<Counts>('twitter_counts_recent_hourly.json');
      const r = await counts(`query=${slug}`);
      expect(r.status).toBe(200);
      expect(Object.keys(r.body)).toEqual(Object.keys(recorded));
      expect(Object.keys(r.body.data[0])).toEqual(Object.keys(recorded.data[0]));
      expect(typeMismatches(recorded.data[0] as never, r.body.data[0] as never)).toEqual({});
      expect(r.body.data.length).toBeGreaterThanOrEqual(168);
      expect(r.body.data.length).toBeLessThanOrEqual(169);
      expect(r.body.data[0].start).toBe(new Date(FIXED_NOW - 7 * 86_400_000).toISOString());
      expect(r.body.data.at(-1)?.end).toBe(new Date(FIXED_NOW).toISOString());
      expect(r.body.meta.total_tweet_count).toBe(r.body.data.reduce((sum, b) => sum + b.tweet_count, 0));
      expect(r.body.meta.total_tweet_count).toBeGreaterThan(0);
    });

    it('should sum to the same total for minute, hour and day over one range', async () => {
      const range = `start_time=${new Date(FIXED_NOW - 30 * 3_600_000 + 12_345).toISOString()}&end_time=${new Date(FIXED_NOW - 1_234).toISOString()}`;
      const totals = [];
      for (const g of ['minute', 'hour', 'day']) totals.push((await counts(`query=${slug}&granularity=${g}&${range}`)).body.meta.total_tweet_count);
      expect(totals[0]).toBeGreaterThan(0);
      expect(new Set(totals).size).toBe(1);
    });

    it('should split 15-minute intervals evenly across their minutes', async () => {
      const start = Math.floor((FIXED_NOW - 3_600_000) / 900_000) * 900_000;
      const r = await counts(`query=${slug}&granularity=minute&start_time=${new Date(start).toISOString()}&end_time=${new Date(start + 900_000).toISOString()}`);
      const c = r.body.data.map((b) => b.tweet_count);
      expect(c).toHaveLength(15);
      expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
    });

    it('should count more for a broad keyword than for one market', async () => {
      const m = s.markets()[0];
      const one = (await counts(`query=${m.query}`)).body.meta.total_tweet_count;
      const broad = (await counts(`query=${encodeURIComponent(m.keywords[1])}`)).body.meta.total_tweet_count;
      expect(broad).toBeGreaterThan(one);
      expect((await counts('query=nothing-matches-this')).body.meta.total_tweet_count).toBe(0);
    });

    it('should refuse a start older than 7 days and an unknown granularity with X\'s 400', async () => {
      const old = await counts(`query=${slug}&start_time=${new Date(FIXED_NOW - 8 * 86_400_000).toISOString()}`);
      expect(old.status).toBe(400);
      expect(old.body).toMatchObject({ title: 'Invalid Request', type: 'https://api.twitter.com/2/problems/invalid-request' });
      expect((await counts(`query=${slug}&granularity=week`)).status).toBe(400);
      expect((await counts('query=')).status).toBe(400);
    });
  });

  describe('GET /2/tweets/search/recent', () => {
    it('should have the recorded shape and mention the market', async () => {
      const recorded = fixture<Search>('twitter_search_recent_default_fields.json');
      const r = await search(`query=${slug}`);
      expect(r.status).toBe(200);
      expect(Object.keys(r.body)).toEqual(Object.keys(recorded));
      expect(Object.keys(r.body.data?.[0] ?? {})).toEqual(Object.keys(recorded.data?.[0] ?? {}));
      expect(Object.keys(r.body.meta).sort()).toEqual(Object.keys(recorded.meta).sort());
      expect(r.body.meta.result_count).toBe(10);
      const data = r.body.data ?? [];
      expect(r.body.meta.newest_id).toBe(data[0].id);
      expect(r.body.meta.oldest_id).toBe(data[9].id);
      for (const t of data) expect(t.edit_history_tweet_ids).toEqual([t.id]);
      const m = s.markets()[0];
      for (const t of data) expect(t.text.toLowerCase()).toContain(m.keywords[0]);
    });

    it('should page newest first with next_token, without overlap', async () => {
      const first = await search(`query=${slug}&max_results=20&tweet.fields=created_at`);
      const second = await search(`query=${slug}&max_results=20&tweet.fields=created_at&next_token=${first.body.meta.next_token}`);
      const ids = [...(first.body.data ?? []), ...(second.body.data ?? [])].map((t) => BigInt(t.id));
      expect(ids).toHaveLength(40);
      for (let i = 1; i < ids.length; i++) expect(ids[i] < ids[i - 1]).toBe(true);
      const times = (first.body.data ?? []).map((t) => Date.parse(t.created_at as string));
      expect(times.every((t) => t <= FIXED_NOW)).toBe(true);
    });

    it('should return as many tweets as the counts say, over a range', async () => {
      const start = new Date(FIXED_NOW - 2 * 3_600_000).toISOString();
      const total = (await counts(`query=${slug}&start_time=${start}`)).body.meta.total_tweet_count;
      let seen = 0;
      let token: string | undefined;
      do {
        const r = await search(`query=${slug}&max_results=100&start_time=${start}${token ? `&next_token=${token}` : ''}`);
        seen += r.body.meta.result_count;
        token = r.body.meta.next_token;
      } while (token);
      expect(seen).toBe(total);
    });

    it('should lean the words of the tweets with the recent price move', async () => {
      const positive = /great|love|excellent|awesome|fantastic|good|amazing/i;
      const negative = /terrible|hate|awful|bad|worst|horrible|ugly/i;
      let agree = 0;
      let disagree = 0;
      for (const m of s.markets().slice(0, 30)) {
        const hist = (await req<{ history: { p: number }[] }>(`${s.urls.clob}/prices-history?market=${m.tokenIds[0]}&interval=1h&fidelity=15`)).body.history;
        const move = (hist.at(-1)?.p ?? 0) - (hist[0]?.p ?? 0);
        if (Math.abs(move) < 0.01) continue;
        const texts = ((await search(`query=${m.query}&max_results=100&start_time=${new Date(FIXED_NOW - 900_000).toISOString()}`)).body.data ?? []).map((t) => t.text);
        const score = texts.filter((t) => positive.test(t)).length - texts.filter((t) => negative.test(t)).length;
        if (Math.sign(score) === Math.sign(move)) agree++;
        else if (score !== 0) disagree++;
      }
      expect(agree).toBeGreaterThan(disagree * 3);
    });

    it('should answer result_count 0 without data when nothing matches, 400 for max_results out of 10..100', async () => {
      expect((await search('query=zzz-nothing')).body).toEqual({ meta: { result_count: 0 } });
      expect((await search(`query=${slug}&max_results=5`)).status).toBe(400);
      expect((await search(`query=${slug}&max_results=101`)).status).toBe(400);
      expect((await search(`query=${slug}&next_token=garbage`)).status).toBe(400);
    });
  });

  describe('rate limits', () => {
    it('should send x-rate-limit headers, count down per route and answer the recorded 429 when spent', async () => {
      const x = await sim({ markets: 5, xRateLimit: 3 });
      try {
        const q = `query=${queryForMarket(x.markets()[0])}`;
        const remaining: string[] = [];
        for (let i = 0; i < 3; i++) {
          const r = await req(`${x.urls.x}/2/tweets/search/recent?${q}`, { headers: AUTH });
          expect(r.headers.get('x-rate-limit-limit')).toBe('3');
          remaining.push(r.headers.get('x-rate-limit-remaining') as string);
        }
        expect(remaining).toEqual(['2', '1', '0']);
        const limited = await req(`${x.urls.x}/2/tweets/search/recent?${q}`, { headers: AUTH });
        expect(limited.status).toBe(429);
        expect(limited.body).toEqual(fixture('twitter_error_429_too_many_requests.json'));
        const reset = Number(limited.headers.get('x-rate-limit-reset'));
        expect(reset).toBe(Math.ceil(FIXED_NOW / 900_000) * 900);
        expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
        const other = await req(`${x.urls.x}/2/tweets/counts/recent?${q}`, { headers: AUTH });
        expect(other.status).toBe(200);
        expect(other.headers.get('x-rate-limit-remaining')).toBe('2');
      } finally {
        await x.close();
      }
    });

    it('should default to 450 per window like the recorded search headers', async () => {
      const r = await search(`query=${slug}`);
      const recorded = fixture<{ headers: Record<string, string> }>('twitter_search_recent_default_fields.headers.json');
      expect(r.headers.get('x-rate-limit-limit')).toBe(recorded.headers['x-rate-limit-limit']);
      expect(Number(r.headers.get('x-rate-limit-remaining'))).toBeLessThan(450);
      expect(r.headers.get('x-rate-limit-reset')).toMatch(/^\d{10}$/);
    });
  });
});
