import { INestMicroservice } from '@nestjs/common';
import { Subjects, parse } from '@polytrader/contracts';
import { MarketRecord, MarketStore, createDataSource } from '@polytrader/persistence';
import { countOf } from '@polytrader/persistence/testing';
import { ServiceRuntime, closeService, createServiceApp } from '@polytrader/platform';
import { NatsServerHandle, createTestRuntime, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { Simulator, startSimulator } from '@polytrader/simulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { HypeScheduler } from '../../../apps/hype/src/cycle/hype.scheduler';
import { HypeModule } from '../../../apps/hype/src/hype.module';
import { seedMarketsFromGamma } from '../../../apps/hype/src/testing/seed-markets';

jest.setTimeout(60_000);

const MARKETS = 21;

interface Started {
  runtime: ServiceRuntime;
  app: INestMicroservice;
  scheduler: HypeScheduler;
  logs: { level: number; msg: string }[];
}

describe('hype against the simulator (real NATS, real SQLite)', () => {
  let nats: NatsServerHandle;
  let dir: string;
  let sim: Simulator;
  let dbFile: string;
  let open: MarketRecord[];
  let service: Started | null;
  const published: { subject: string; body: Record<string, unknown> }[] = [];
  /** events that fail the contracts' validation (must stay empty) */
  const invalid: string[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'hype-e2e-'));
  });

  afterAll(async () => {
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function setUp(simOptions: Parameters<typeof startSimulator>[0] = {}): Promise<void> {
    sim = await startSimulator({ port: 0, markets: MARKETS, seed: 23, ...simOptions });
    dbFile = join(dir, `${Date.now()}-${Math.random()}.sqlite`);
    const ds = await createDataSource({ url: dbFile });
    try {
      open = (await seedMarketsFromGamma(sim.urls.gamma, new MarketStore(ds))).filter((m) => m.active && !m.closed);
    } finally {
      await ds.destroy();
    }
  }

  async function start(env: NodeJS.ProcessEnv = { X_BEARER_TOKEN: 'e2e-bearer-token' }, hype: Record<string, unknown> = {}): Promise<Started> {
    const logs: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const runtime = await createTestRuntime({
      name: 'hype', natsUrl: nats.url, env, logger,
      config: {
        hype: {
          x_api_url: sim.urls.x, rss_feeds: [sim.urls.rss], run_at_start: false, backfill_intervals: 4, baseline_intervals: 8, concurrency: 4,
          request_timeout_ms: 1000, max_retries: 2, max_rate_limit_wait_s: 5, x_rate_limit: { rps: 1000, burst: 1000 },
          rss_rate_limit: { rps: 1000, burst: 1000 }, ...hype,
        },
        storage: { url: dbFile },
      },
    });
    const app = (await createServiceApp({ name: 'hype', module: HypeModule }, runtime)) as INestMicroservice;
    for (const subject of [Subjects.HypeScore, Subjects.NewsItem]) {
      runtime.nc.subscribe(subject, {
        callback: (_e, m) => {
          const valid = parse(subject, m.data);
          if (!valid.ok) invalid.push(valid.error.message);
          published.push({ subject, body: JSON.parse(Buffer.from(m.data).toString()) });
        },
      });
    }
    service = { runtime, app, scheduler: app.get(HypeScheduler), logs };
    return service;
  }

  beforeEach(() => {
    published.length = 0;
    invalid.length = 0;
    service = null;
  });

  afterEach(async () => {
    if (service) await closeService(service.app, service.runtime);
    await sim?.close();
    expect(invalid).toEqual([]);
  });

  const count = (sql: string) => countOf(dbFile, sql);

  const scores = () => published.filter((p) => p.subject === Subjects.HypeScore);
  const news = () => published.filter((p) => p.subject === Subjects.NewsItem);
  const xRequests = (since?: number) => sim.requests(since).filter((r) => r.route.startsWith('x.'));

  it('should store and publish a score for every active market, and dedupe news across two cycles', async () => {
    await setUp();
    const { scheduler } = await start();
    const first = await scheduler.runOnce();
    expect(first).toMatchObject({ outcome: 'completed', mode: 'x+news', markets: open.length, scored: open.length, rows: open.length * 4 });
    await waitFor(() => scores().length === open.length, { what: 'hype.score per market' });
    expect(scores().map((s) => s.body.marketId).sort()).toEqual(open.map((m) => m.id).sort());
    expect(scores().every((s) => s.body.intervalStart === first!.intervalStart && s.body.source === 'hype')).toBe(true);
    expect(await count(`SELECT COUNT(*) AS n FROM hype_scores WHERE interval_start = '${first!.intervalStart}'`)).toBe(open.length);
    const newsStored = await count('SELECT COUNT(*) AS n FROM news_items');
    expect(newsStored).toBe(first!.news.fresh);
    expect(first!.news.matched).toBeGreaterThan(0);
    await waitFor(() => news().length === first!.news.matched, { what: 'news.item per matched article' });

    published.length = 0;
    const second = await scheduler.runOnce();
    expect(second).toMatchObject({ outcome: 'completed', scored: open.length, rows: open.length, news: { fresh: 0, seen: first!.news.seen } });
    await waitFor(() => scores().length === open.length, { what: 'second round of hype.score' });
    expect(news()).toEqual([]);
    expect(await count('SELECT COUNT(*) AS n FROM news_items')).toBe(newsStored);
    expect(await count('SELECT COUNT(*) AS n FROM hype_scores')).toBe(open.length * 4);
  });

  it('should run on news only without a token: one warning, no X request, scores still published', async () => {
    await setUp();
    const { scheduler, logs } = await start({});
    const warnings = logs.filter((l) => l.level === 40 && /X_BEARER_TOKEN/.test(l.msg));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toMatch(/news feeds only/);
    const report = await scheduler.runOnce();
    expect(report).toMatchObject({ mode: 'news', outcome: 'completed', scored: open.length, posts: 0 });
    await scheduler.runOnce();
    expect(xRequests()).toEqual([]);
    await waitFor(() => scores().length === open.length * 2, { what: 'news-only hype.score' });
    expect(logs.filter((l) => l.level === 40 && /X_BEARER_TOKEN/.test(l.msg))).toHaveLength(1);
  });

  it('should wait out a 429 until its x-rate-limit-reset and complete with every market', async () => {
    await setUp();
    const { scheduler } = await start();
    sim.addFault({ route: 'x.counts', kind: '429', count: 1, retryAfterS: 1 });
    const report = await scheduler.runOnce();
    expect(report).toMatchObject({ outcome: 'completed', scored: open.length, errors: [] });
    const counts = sim.requests().filter((r) => r.route === 'x.counts');
    const limited = counts.find((r) => r.status === 429)!;
    expect(limited).toBeDefined();
    const resetMs = (Math.ceil(limited.ts / 1000) + 1) * 1000;
    // the shared bucket paused all four workers, not only the one that was refused: between the 429 and the
    // announced reset only the other three workers' requests already on the wire may arrive (counted, not
    // timed — on one loaded core a request sent before the 429 was seen can arrive long after it)
    const early = counts.filter((r) => r.ts > limited.ts && r.ts < resetMs - 5);
    expect(early.length).toBeLessThanOrEqual(4 - 1);
    expect(counts.filter((r) => r.ts >= resetMs - 5).length).toBeGreaterThan(open.length - 5);
    expect(counts.filter((r) => r.status === 200)).toHaveLength(open.length);
  });

  it("should stop calling when X's window is spent and its reset is further than it waits, and complete with the rest", async () => {
    // X's windows are 15 wall-clock minutes: a run that straddles a boundary gets a fresh window mid-cycle
    const X_WINDOW_MS = 15 * 60_000;
    const toBoundary = X_WINDOW_MS - (Date.now() % X_WINDOW_MS);
    if (toBoundary < 30_000) await new Promise((resolve) => setTimeout(resolve, toBoundary + 200));
    await setUp({ xRateLimit: 8 });
    // one worker, so that no request is on the wire when the 8th answer says "remaining: 0"
    const { scheduler, logs } = await start(undefined, { max_rate_limit_wait_s: 2, concurrency: 1 });
    const report = await scheduler.runOnce();
    expect(report).toMatchObject({ outcome: 'partial', scored: 8, skipped: open.length - 8 });
    expect(report!.errors).toEqual([expect.objectContaining({ api: 'x.counts', kind: 'rate_limited', count: open.length - 8 })]);
    // remaining reached 0 on the 8th answer: no request was sent into the spent window, so no 429 either
    expect(xRequests().filter((r) => r.route === 'x.counts')).toHaveLength(8);
    expect(xRequests().filter((r) => r.status === 429)).toEqual([]);
    expect(logs.some((l) => l.level === 40 && /x\.counts rate-limit window spent/.test(l.msg))).toBe(true);
    expect(report!.news.fresh).toBeGreaterThan(0);
    await waitFor(() => scores().length === 8, { what: 'hype.score for the markets served' });
  }, 90_000);

  it('should stop every outgoing request within 100 ms of a kill mid-cycle', async () => {
    await setUp();
    const { scheduler, runtime } = await start();
    sim.addFault({ route: 'x', kind: 'latency', latencyMs: 150 });
    const cycle = scheduler.runOnce();
    await waitFor(() => xRequests().length >= 2, { what: 'X requests under way' });
    // measured from the moment the service obeyed the kill, not from our publish: on a loaded core the
    // message itself can take longer than 100 ms to be read, and that is the bus's time, not hype's
    let haltedAt = Infinity;
    runtime.killSwitch.onStateChange((state) => { if (state === 'halted') haltedAt = Math.min(haltedAt, Date.now()); });
    runtime.nc.publish(Subjects.SystemKill, Buffer.from('test: kill mid-cycle'));
    const report = await cycle;
    expect(report?.outcome).toBe('aborted');
    await new Promise((r) => setTimeout(r, 500));
    expect(haltedAt).toBeLessThan(Infinity);
    expect(sim.requests(haltedAt + 100)).toEqual([]);
    expect(await count('SELECT COUNT(*) AS n FROM hype_scores')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM news_items')).toBe(0);
    expect(scores()).toEqual([]);
    expect(await scheduler.runOnce()).toBeNull();
    runtime.nc.publish(Subjects.SystemReset, Buffer.from(''));
    await waitFor(() => !runtime.killSwitch.isHalted(), { what: 'reset' });
  });
});
