import { HypeScoreStore, MarketStore, NewsItemStore, createDataSource } from '@polytrader/persistence';
import { AppConfig, EventBus, ensureStreams } from '@polytrader/platform';
import { startSimulator } from '@polytrader/simulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect } from 'nats';
import pino from 'pino';
import { HypeCycle, HypeCycleReport } from '../../../apps/hype/src/cycle/hype-cycle';
import { MentionHistory } from '../../../apps/hype/src/cycle/mention-history';
import { HypeApis } from '../../../apps/hype/src/hype.apis';
import { seedMarketsFromGamma } from '../../../apps/hype/src/testing/seed-markets';

export interface HypeCycleRun {
  readonly cycleMs: number;
  readonly report: HypeCycleReport;
  /** the same HTTP requests (replayed from the simulator's log) with bare fetch: the I/O floor */
  readonly floorMs: number;
  readonly requests: number;
}

export interface HypeCycleBench {
  readonly markets: number;
  /** first cycle: backfill of `backfill_intervals` per market (one counts request each, minute buckets) */
  readonly first: HypeCycleRun;
  /** next cycle: the newest interval only (history from memory) */
  readonly steady: HypeCycleRun;
}

const TOKEN = 'bench-bearer-token';

/**
 * Full hype cycles (X counts + search, RSS, VADER, hype scores, SQLite, JetStream) for `markets`
 * simulated markets at zero latency, X's windows and our token buckets lifted so the code, not the
 * limiter, is measured; each against a replay of the very same requests with bare fetch.
 */
export async function hypeCycleBench(natsUrl: string, markets = 1000): Promise<HypeCycleBench> {
  const sim = await startSimulator({ port: 0, markets, seed: 42, xRateLimit: 1e9 });
  const dir = mkdtempSync(join(tmpdir(), 'bench-hype-'));
  const config = new AppConfig();
  Object.assign(config.hype, { x_api_url: sim.urls.x, rss_feeds: [sim.urls.rss], concurrency: 16 });
  config.hype.x_rate_limit = { rps: 1e4, burst: 1e4 };
  config.hype.rss_rate_limit = { rps: 1e4, burst: 1e4 };
  const logger = pino({ level: 'silent' });
  const apis = new HypeApis(config, { xBearerToken: TOKEN }, logger);
  const ds = await createDataSource({ url: join(dir, 'bench.sqlite') });
  const nc = await connect({ servers: natsUrl });
  try {
    await ensureStreams(await nc.jetstreamManager());
    const seeded = await seedMarketsFromGamma(sim.urls.gamma, new MarketStore(ds));
    const cycle = new HypeCycle({
      config: config.hype, x: apis.x, rssClientFor: (u) => apis.rssClientFor(u), history: new MentionHistory(config.hype.interval_minutes),
      stores: { markets: new MarketStore(ds), scores: new HypeScoreStore(ds), news: new NewsItemStore(ds) },
      publisher: new EventBus(nc, 'bench', logger), logger, source: 'bench', breakers: () => apis.breakers(),
    });
    const run = async (): Promise<HypeCycleRun> => {
      const since = Date.now();
      const t0 = performance.now();
      const report = await cycle.run(new AbortController().signal);
      const cycleMs = performance.now() - t0;
      const paths = sim.requests(since).filter((r) => r.route.startsWith('x.') || r.route === 'rss').map((r) => r.path);
      return { cycleMs, report, floorMs: await replay(sim.url, paths, config.hype.concurrency), requests: paths.length };
    };
    const first = await run();
    const steady = await run();
    return { markets: seeded.filter((m) => m.active && !m.closed).length, first, steady };
  } finally {
    apis.close();
    await ds.destroy();
    await nc.drain();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same requests, `concurrency` at a time, bodies read, nothing else. */
async function replay(base: string, paths: readonly string[], concurrency: number): Promise<number> {
  const t0 = performance.now();
  let i = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (i < paths.length) {
      const p = paths[i++];
      await fetch(base + p, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());
    }
  }));
  return performance.now() - t0;
}
