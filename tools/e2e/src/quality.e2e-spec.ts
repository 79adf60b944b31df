import { INestMicroservice } from '@nestjs/common';
import { MarketCycleCompletedEvent, Subjects, envelope } from '@polytrader/contracts';
import { MarketStore, QualityIssueStore, createDataSource } from '@polytrader/persistence';
import { cycleBatch } from '@polytrader/persistence/testing';
import { ServiceRuntime, closeService, createServiceApp } from '@polytrader/platform';
import { NatsServerHandle, createTestRuntime, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AnalyzerModule } from '../../../apps/analyzer/src/analyzer.module';

jest.setTimeout(60_000);

const completed = (cycleId: string, snapshots: number): MarketCycleCompletedEvent => ({
  ...envelope('collector'), cycleId, markets: snapshots, snapshots, books: 0, pricePoints: 0, rejected: 0, errors: [], breakers: {}, durationMs: 1, outcome: 'completed',
});

describe('analyzer data quality after a collection cycle (real NATS, real SQLite)', () => {
  let nats: NatsServerHandle;
  let dir: string;
  let ds: DataSource;
  let runtime: ServiceRuntime;
  let app: INestMicroservice;
  const published: { marketId: string; kind: string }[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'quality-e2e-'));
    const url = join(dir, 'q.sqlite');
    ds = await createDataSource({ url });
    runtime = await createTestRuntime({ name: 'analyzer', natsUrl: nats.url, config: { storage: { url }, analysis: { stale_after_cycles: 2 } } });
    app = (await createServiceApp({ name: 'analyzer', module: AnalyzerModule }, runtime)) as INestMicroservice;
    runtime.nc.subscribe(Subjects.AnalysisQuality, { callback: (_e, m) => published.push(JSON.parse(Buffer.from(m.data).toString())) });
  });

  afterAll(async () => {
    if (app) await closeService(app, runtime);
    await ds?.destroy();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should store, publish and mark every issue of the cycle, and leave clean markets alone', async () => {
    const store = new MarketStore(ds);
    for (let c = 0; c < 3; c++) await store.saveCycle(cycleBatch({ cycle: c, markets: 3 }));
    const bad = cycleBatch({ cycle: 3, markets: 3 });
    bad.snapshots[0].outcomePrices = [1.3, -0.3];
    bad.books[2] = { ...bad.books[2], bestBid: 0.9, bestAsk: 0.1 };
    await store.saveCycle(bad);
    await runtime.bus.publish(Subjects.MarketCycleCompleted, completed(bad.cycleId, 3));

    await waitFor(() => published.some((p) => p.kind === 'crossed_book'), { what: 'analysis.quality events' });
    const kinds = published.map((p) => `${p.marketId}:${p.kind}`).sort();
    expect(kinds).toEqual(expect.arrayContaining(['m0:price_out_of_range', 'm1:crossed_book']));
    expect(kinds.filter((k) => k.startsWith('m2:'))).toEqual([]);

    const stored = await new QualityIssueStore(ds).list({ marketId: 'm0' });
    expect(stored.map((i) => i.kind)).toContain('price_out_of_range');
    const flagged = (await store.latestSnapshots(1, ['m0', 'm2']));
    expect(flagged.find((s) => s.marketId === 'm0')?.qualityFlags).toContain('price_out_of_range');
    expect(flagged.find((s) => s.marketId === 'm2')?.qualityFlags).toEqual([]);
  });
});
