import { MarketStore, createDataSource } from '@polytrader/persistence';
import { AppConfig, EventBus } from '@polytrader/platform';
import { startSimulator } from '@polytrader/simulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect } from 'nats';
import pino from 'pino';
import { CollectorApis } from '../../../apps/collector/src/collector.apis';
import { CollectionCycle, CycleReport } from '../../../apps/collector/src/collection/collection-cycle';

export interface CollectionBench {
  readonly markets: number;
  readonly cycleMs: number;
  readonly report: CycleReport;
  /** the same requests with bare fetch, no parsing, storing or publishing: the I/O floor */
  readonly floorMs: number;
}

/**
 * A full first cycle (markets, books, history backfill for all, SQLite, JetStream) for `markets`
 * simulated markets at zero latency, rate limits lifted so the code, not the limiter, is measured.
 */
export async function collectionCycleBench(natsUrl: string, markets = 1000): Promise<CollectionBench> {
  const sim = await startSimulator({ port: 0, markets, seed: 42 });
  const dir = mkdtempSync(join(tmpdir(), 'bench-cycle-'));
  const config = new AppConfig();
  Object.assign(config.data_collection, {
    gamma_api_url: sim.urls.gamma, clob_api_url: sim.urls.clob, page_size: 500, books_batch_size: 500, concurrency: 16,
    history_backfill_per_cycle: markets,
  });
  config.data_collection.rate_limits.gamma = { rps: 1e4, burst: 1e4 };
  config.data_collection.rate_limits.clob = { rps: 1e4, burst: 1e4 };
  const logger = pino({ level: 'silent' });
  const apis = new CollectorApis(config, logger);
  const ds = await createDataSource({ url: join(dir, 'bench.sqlite') });
  const nc = await connect({ servers: natsUrl });
  try {
    await warmUp(sim.urls.gamma);
    const floorMs = await ioFloor(sim.urls.gamma, sim.urls.clob, config);
    const cycle = new CollectionCycle({
      gamma: apis.gamma, clob: apis.clob, config: config.data_collection, store: new MarketStore(ds),
      publisher: new EventBus(nc, 'bench', logger), logger, source: 'bench',
    });
    const t0 = performance.now();
    const report = await cycle.run(new AbortController().signal);
    return { markets: report.markets, cycleMs: performance.now() - t0, report, floorMs };
  } finally {
    apis.close();
    await ds.destroy();
    await nc.drain();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function warmUp(gamma: string): Promise<void> {
  await fetch(`${gamma}/markets?limit=10`).then((r) => r.text());
}

/** Same HTTP requests as a cycle, answered and read, nothing else. */
async function ioFloor(gamma: string, clob: string, config: AppConfig): Promise<number> {
  const t0 = performance.now();
  const dc = config.data_collection;
  const markets: { clobTokenIds: string }[] = [];
  for (let offset = 0; ; offset += dc.page_size) {
    const page = (await (await fetch(`${gamma}/markets?limit=${dc.page_size}&offset=${offset}&active=true&closed=false`)).json()) as { clobTokenIds: string }[];
    markets.push(...page);
    if (page.length < dc.page_size) break;
  }
  const tokens = markets.flatMap((m) => JSON.parse(m.clobTokenIds) as string[]);
  const batches: string[][] = [];
  for (let i = 0; i < tokens.length; i += dc.books_batch_size) batches.push(tokens.slice(i, i + dc.books_batch_size));
  await pool(batches, dc.concurrency, (b) => fetch(`${clob}/books`, { method: 'POST', body: JSON.stringify(b.map((token_id) => ({ token_id }))) }).then((r) => r.text()));
  const end = Math.floor(Date.now() / 1000);
  const firsts = markets.map((m) => (JSON.parse(m.clobTokenIds) as string[])[0]);
  await pool(firsts, dc.concurrency, (t) => fetch(`${clob}/prices-history?market=${t}&startTs=${end - 86400}&endTs=${end}&fidelity=15`).then((r) => r.text()));
  return performance.now() - t0;
}

async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<unknown>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < items.length) await fn(items[i++]);
  }));
}
