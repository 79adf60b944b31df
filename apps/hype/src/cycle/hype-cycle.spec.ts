import { Subjects } from '@polytrader/contracts';
import { ApiClient, HypeConfig } from '@polytrader/platform';
import { HypeScoreStore, MarketRecord, MarketStore, NewsItemStore } from '@polytrader/persistence';
import { TestDatabase, createTestDatabase } from '@polytrader/persistence/testing';
import { intervalStartMs, lastCompleteInterval } from '@polytrader/quant';
import { Simulator, queryForMarket, startSimulator } from '@polytrader/simulator';
import pino from 'pino';
import { seedMarketsFromGamma } from '../testing/seed-markets';
import { XClients } from '../x/x.fetcher';
import { HypeCycle, SETTLE_MS } from './hype-cycle';
import { MentionHistory } from './mention-history';

jest.setTimeout(30_000);

const MARKETS = 24;
const logger = pino({ level: 'silent' });

function config(sim: Simulator, over: Partial<HypeConfig> = {}): HypeConfig {
  return Object.assign(new HypeConfig(), {
    x_api_url: sim.urls.x, rss_feeds: [sim.urls.rss], backfill_intervals: 8, baseline_intervals: 8, concurrency: 4, max_retries: 1,
    request_timeout_ms: 2000, x_rate_limit: { rps: 1000, burst: 1000 }, rss_rate_limit: { rps: 1000, burst: 1000 }, ...over,
  });
}

function client(api: string, baseUrl: string, headers?: Record<string, string>): ApiClient {
  return new ApiClient({
    api, baseUrl, rate: 1000, burst: 1000, timeoutMs: 2000, maxRetries: 1, backoff: { baseMs: 5, maxMs: 20 }, headers,
    rateLimitHeaders: api.startsWith('x.'), maxRetryAfterMs: 2000, breaker: { errorThresholdPct: 50, resetTimeoutMs: 60_000, volumeThreshold: 1000 },
  });
}

describe('HypeCycle against the simulator (real SQLite)', () => {
  let sim: Simulator;
  let db: TestDatabase;
  let markets: MarketRecord[];
  let open: MarketRecord[];
  const clients: ApiClient[] = [];
  let events: { subject: string; event: Record<string, unknown> }[];

  beforeEach(async () => {
    sim = await startSimulator({ markets: MARKETS, seed: 5 });
    db = await createTestDatabase('sqlite');
    markets = await seedMarketsFromGamma(sim.urls.gamma, new MarketStore(db.ds));
    open = markets.filter((m) => m.active && !m.closed);
    events = [];
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await db.drop();
    await sim.close();
  });

  function cycle(over: Partial<HypeConfig> = {}, withX = true, history = new MentionHistory(15)): HypeCycle {
    const cfg = config(sim, over);
    const auth = { authorization: 'Bearer test' };
    const x: XClients | null = withX ? { counts: client('x.counts', cfg.x_api_url, auth), search: client('x.search', cfg.x_api_url, auth) } : null;
    const rss = client('rss:sim', sim.url);
    clients.push(rss, ...(x ? [x.counts, x.search] : []));
    return new HypeCycle({
      config: cfg, x, rssClientFor: () => rss, history, logger, source: 'test', breakers: () => ({}),
      stores: { markets: new MarketStore(db.ds), scores: new HypeScoreStore(db.ds), news: new NewsItemStore(db.ds) },
      publisher: { publish: async (subject, event) => void events.push({ subject, event: event as Record<string, unknown> }) },
    });
  }

  const targetStart = () => new Date(intervalStartMs(lastCompleteInterval(Date.now(), 15, SETTLE_MS), 15)).toISOString();
  const scoresOf = (from: string) => new HypeScoreStore(db.ds).between({ from });

  /** Posts the simulator counts for exactly this market (its own query) in the interval. */
  async function simCount(m: MarketRecord, start: string): Promise<number> {
    const end = new Date(Date.parse(start) + 900_000).toISOString();
    const url = `${sim.urls.x}/2/tweets/counts/recent?query=${encodeURIComponent(queryForMarket(m))}&granularity=minute&start_time=${start}&end_time=${end}`;
    const body = (await (await fetch(url, { headers: { authorization: 'Bearer t' } })).json()) as { meta: { total_tweet_count: number } };
    return body.meta.total_tweet_count;
  }

  it('should score every open market for the interval, backfill its history, and count exactly its posts', async () => {
    const report = await cycle().run(new AbortController().signal);
    const start = targetStart();
    expect(report).toMatchObject({ outcome: 'completed', mode: 'x+news', markets: open.length, scored: open.length, skipped: 0, errors: [], intervalStart: start });
    expect(report.rows).toBe(open.length * 8);
    expect(report.posts).toBeGreaterThan(0);
    expect(sim.requests().filter((r) => r.route === 'x.counts')).toHaveLength(open.length);
    expect(sim.requests().filter((r) => r.route === 'x.search')).toHaveLength(open.length);
    const rows = await scoresOf(start);
    expect(rows.map((r) => r.marketId).sort()).toEqual(open.map((m) => m.id).sort());
    const newsCount = new Map<string, number>();
    for (const e of events.filter((e) => e.subject === Subjects.NewsItem)) {
      const t = Date.parse(String(e.event.publishedAt ?? ''));
      if (t >= Date.parse(start) && t < Date.parse(start) + 900_000) for (const id of e.event.marketIds as string[]) newsCount.set(id, (newsCount.get(id) ?? 0) + 1);
    }
    for (const m of open.slice(0, 6)) {
      const row = rows.find((r) => r.marketId === m.id)!;
      expect(row.mentions).toBe((await simCount(m, start)) + (newsCount.get(m.id) ?? 0));
    }
    const published = events.filter((e) => e.subject === Subjects.HypeScore);
    expect(published.map((e) => e.event.marketId).sort()).toEqual(open.map((m) => m.id).sort());
    expect(published.every((e) => e.event.intervalStart === start && Number.isFinite(e.event.hypeScore))).toBe(true);
  });

  it('should re-score only the newest interval on the next cycle and not repeat news', async () => {
    const history = new MentionHistory(15);
    const c = cycle({}, true, history);
    const first = await c.run(new AbortController().signal);
    expect(first.news.fresh).toBeGreaterThan(0);
    const before = events.length;
    const second = await c.run(new AbortController().signal);
    expect(second).toMatchObject({ outcome: 'completed', rows: open.length, scored: open.length });
    expect(second.news).toMatchObject({ fresh: 0, seen: first.news.seen });
    expect(events.slice(before).filter((e) => e.subject === Subjects.NewsItem)).toEqual([]);
    // a fresh service (empty history) reads the stored series and does not backfill again
    const restarted = await cycle().run(new AbortController().signal);
    expect(restarted.rows).toBe(open.length);
    const lastCounts = sim.requests().filter((r) => r.route === 'x.counts').slice(-open.length);
    const start = encodeURIComponent(targetStart().replace('.000Z', 'Z'));
    expect(lastCounts.every((r) => r.path.includes(`start_time=${start}`))).toBe(true);
  });

  it('should run on news only without X clients, and send no X request', async () => {
    const report = await cycle({}, false).run(new AbortController().signal);
    expect(report).toMatchObject({ mode: 'news', outcome: 'completed', scored: open.length, posts: 0 });
    expect(sim.requests().filter((r) => r.route.startsWith('x.'))).toEqual([]);
    const rows = await scoresOf(report.intervalStart);
    const matched = events.filter((e) => e.subject === Subjects.NewsItem);
    expect(matched.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.mentions <= matched.length)).toBe(true);
  });

  it('should do nothing without X and without feeds', async () => {
    const report = await cycle({ rss_feeds: [] }, false).run(new AbortController().signal);
    expect(report).toMatchObject({ mode: 'none', outcome: 'completed', scored: 0, rows: 0 });
    expect(sim.requests().filter((r) => !r.route.startsWith('gamma.'))).toEqual([]);
  });

  it('should reject bad X records alone and leave those markets for the next cycle', async () => {
    sim.addFault({ route: 'x.counts', kind: 'missing_fields', count: 2 });
    sim.addFault({ route: 'x.search', kind: 'missing_fields' });
    const report = await cycle().run(new AbortController().signal);
    expect(report).toMatchObject({ outcome: 'partial', scored: open.length - 2, skipped: 2 });
    expect(report.rejected).toBeGreaterThan(0);
    expect((await scoresOf(report.intervalStart))).toHaveLength(open.length - 2);
  });

  it('should go on without sentiment from X when search fails, and without news when the feed is garbage', async () => {
    sim.addFault({ route: 'x.search', kind: '500' });
    sim.addFault({ route: 'rss', kind: 'malformed' });
    const report = await cycle().run(new AbortController().signal);
    expect(report).toMatchObject({ outcome: 'partial', scored: open.length, posts: 0, news: { feedsOk: 0, feedsFailed: 1, fresh: 0 } });
    expect(report.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ api: 'x.search', kind: 'http', count: open.length }), expect.objectContaining({ api: 'rss:sim', count: 1 }),
    ]));
  });

  it('should store and publish nothing when aborted mid-cycle', async () => {
    sim.addFault({ route: 'x.counts', kind: 'latency', latencyMs: 200 });
    const ctl = new AbortController();
    const run = cycle().run(ctl.signal);
    setTimeout(() => ctl.abort(new Error('halted')), 100);
    const report = await run;
    expect(report.outcome).toBe('aborted');
    expect(events).toEqual([]);
    expect(await scoresOf('2000-01-01T00:00:00Z')).toEqual([]);
    expect(await new NewsItemStore(db.ds).since('2000-01-01T00:00:00Z')).toEqual([]);
  });
});
