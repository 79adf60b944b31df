import { INestApplication, INestMicroservice } from '@nestjs/common';
import { Subjects } from '@polytrader/contracts';
import { createDataSource } from '@polytrader/persistence';
import { ServiceRuntime, closeService, createServiceApp } from '@polytrader/platform';
import { NatsServerHandle, createTestRuntime, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { Simulator, startSimulator } from '@polytrader/simulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { GatewayModule } from '../../../apps/gateway/src/gateway.module';
import { CollectionScheduler } from '../../../apps/collector/src/collection/collection.scheduler';
import { CollectorModule } from '../../../apps/collector/src/collector.module';

jest.setTimeout(60_000);

const MARKETS = 30;

describe('collector against the simulator (real NATS, real SQLite)', () => {
  let nats: NatsServerHandle;
  let sim: Simulator;
  let dir: string;
  let runtime: ServiceRuntime;
  let app: INestMicroservice;
  let scheduler: CollectionScheduler;
  let dbFile: string;
  const snapshots: string[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'collector-e2e-'));
  });

  afterAll(async () => {
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    sim = await startSimulator({ port: 0, markets: MARKETS, seed: 11 });
    dbFile = join(dir, `${Date.now()}-${Math.random()}.sqlite`);
    runtime = await createTestRuntime({
      name: 'collector', natsUrl: nats.url,
      config: {
        data_collection: {
          gamma_api_url: sim.urls.gamma, clob_api_url: sim.urls.clob, run_at_start: false, page_size: 7, books_batch_size: 10,
          request_timeout_ms: 300, max_retries: 2, rate_limits: { gamma: { rps: 1000, burst: 1000 }, clob: { rps: 1000, burst: 1000 } },
          breaker: { error_threshold_pct: 50, reset_timeout_s: 60, min_requests: 3 },
        },
        storage: { url: dbFile },
      },
    });
    app = (await createServiceApp({ name: 'collector', module: CollectorModule }, runtime)) as INestMicroservice;
    scheduler = app.get(CollectionScheduler);
    snapshots.length = 0;
    runtime.nc.subscribe(Subjects.MarketSnapshot, { callback: (_e, m) => snapshots.push(JSON.parse(Buffer.from(m.data).toString()).marketId) });
  });

  afterEach(async () => {
    await closeService(app, runtime);
    await sim.close();
  });

  async function countRows(): Promise<Record<string, number>> {
    const ds = await createDataSource({ url: dbFile });
    try {
      const out: Record<string, number> = {};
      for (const t of ['markets', 'market_snapshots', 'book_summaries', 'price_history']) {
        out[t] = Number((await ds.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n);
      }
      return out;
    } finally {
      await ds.destroy();
    }
  }

  async function openMarketIds(): Promise<string[]> {
    const res = await fetch(`${sim.urls.gamma}/markets?limit=500&active=true&closed=false`);
    return ((await res.json()) as { id: string }[]).map((m) => m.id).sort();
  }

  it('should land every open market exactly once, and still once after a second cycle', async () => {
    const expected = await openMarketIds();
    const first = await scheduler.runOnce();
    expect(first).toMatchObject({ outcome: 'completed', markets: expected.length, snapshots: expected.length, rejected: 0, errors: [] });
    expect(first!.books).toBe(expected.length * 2);
    await waitFor(() => snapshots.length === expected.length, { what: 'market.snapshot per market' });
    expect([...snapshots].sort()).toEqual(expected);
    const once = await countRows();
    expect(once).toMatchObject({ markets: expected.length, market_snapshots: expected.length, book_summaries: expected.length * 2 });
    expect(once.price_history).toBeGreaterThan(0);

    const second = await scheduler.runOnce();
    expect(second).toMatchObject({ outcome: 'completed', markets: expected.length, pricePoints: 0 });
    const twice = await countRows();
    expect(twice).toEqual({ ...once, market_snapshots: expected.length * 2, book_summaries: expected.length * 4 });
  });

  it('should complete with the other data through a 429 storm on price history', async () => {
    sim.addFault({ route: 'clob.prices-history', kind: '429', retryAfterS: 0 });
    const report = await scheduler.runOnce();
    expect(report).toMatchObject({ outcome: 'partial', markets: (await openMarketIds()).length, pricePoints: 0 });
    expect(report!.books).toBeGreaterThan(0);
    expect(report!.errors).toEqual([expect.objectContaining({ api: 'clob', kind: 'http' })]);
    expect(report!.breakers.clob).toBe('closed');
  });

  it('should complete without books when the CLOB answers 500, and show its breaker open in /status', async () => {
    sim.addFault({ route: 'clob', kind: '500' });
    const gatewayRuntime = await createTestRuntime({ name: 'gateway', natsUrl: nats.url });
    const gateway = (await createServiceApp({ name: 'gateway', module: GatewayModule, http: async () => undefined }, gatewayRuntime)) as INestApplication;
    await gateway.init();
    try {
      const report = await scheduler.runOnce();
      expect(report).toMatchObject({ outcome: 'partial', books: 0, snapshots: (await openMarketIds()).length });
      expect(report!.breakers).toEqual({ gamma: 'closed', clob: 'open' });
      const status = await waitFor(async () => {
        const res = await request(gateway.getHttpServer()).get('/status');
        return res.body.services.collector.breakers?.clob === 'open' ? res.body : null;
      }, { what: 'breaker on /status' });
      expect(status.services.collector.breakers).toEqual({ gamma: 'closed', clob: 'open' });
    } finally {
      await closeService(gateway, gatewayRuntime);
    }
  });

  it('should complete without books when the CLOB times out', async () => {
    sim.addFault({ route: 'clob.books', kind: 'timeout' });
    const report = await scheduler.runOnce();
    expect(report).toMatchObject({ outcome: 'partial', books: 0 });
    expect(report!.errors).toEqual(expect.arrayContaining([expect.objectContaining({ api: 'clob', kind: expect.stringMatching(/timeout|circuit_open/) })]));
    expect(report!.snapshots).toBeGreaterThan(0);
  });

  it('should stop every outgoing request within 100 ms of a kill mid-cycle', async () => {
    sim.addFault({ route: 'clob.prices-history', kind: 'latency', latencyMs: 150 });
    const cycle = scheduler.runOnce();
    await waitFor(() => sim.requests().some((r) => r.route === 'clob.prices-history'), { what: 'history requests under way' });
    // measured from when the collector's kill switch saw the kill, not from the publish: on a loaded machine the
    // bus delivery alone can take longer than the 100 ms the collector has to stop its requests
    let haltedAt = Number.POSITIVE_INFINITY;
    runtime.killSwitch.onStateChange((state) => {
      if (state === 'halted') haltedAt = Math.min(haltedAt, Date.now());
    });
    runtime.nc.publish(Subjects.SystemKill, Buffer.from('test: kill mid-cycle'));
    const report = await cycle;
    expect(report?.outcome).toBe('aborted');
    await new Promise((r) => setTimeout(r, 500));
    expect(Number.isFinite(haltedAt)).toBe(true);
    expect(sim.requests(haltedAt + 100)).toEqual([]);
    expect((await countRows()).market_snapshots).toBe(0);
    expect(await scheduler.runOnce()).toBeNull();
    runtime.nc.publish(Subjects.SystemReset, Buffer.from(''));
    await waitFor(() => !runtime.killSwitch.isHalted(), { what: 'reset' });
  });
});
