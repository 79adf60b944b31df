import { INestMicroservice } from '@nestjs/common';
import { Subjects, parse } from '@polytrader/contracts';
import { AnalysisStore, createDataSource } from '@polytrader/persistence';
import { ServiceRuntime, closeService, createServiceApp } from '@polytrader/platform';
import { NatsServerHandle, createTestRuntime, freePort, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { Simulator, startSimulator } from '@polytrader/simulator';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { HypeScheduler } from '../../../../apps/hype/src/cycle/hype.scheduler';
import { HypeModule } from '../../../../apps/hype/src/hype.module';
import { runCli } from '../testing/run-cli';

jest.setTimeout(120_000);


/**
 * `polytrader analyze` as a user runs it (the built CLI, dist/): markets and CLOB history from `collect --once`,
 * hype backfilled by the hype service in this process, all against the simulator and one temp SQLite file.
 */
describe('polytrader analyze', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-analyze-'));
  const dbFile = join(dir, 'data', 'analyze.sqlite');
  let sim: Simulator;
  let nats: NatsServerHandle;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, markets: 24, seed: 5, historyPoints: 400 });
    nats = await startNatsServer();
    writeFileSync(join(dir, 'config.yaml'), [
      'storage:', `  url: ${dbFile}`, 'logging:', '  file: false',
      'data_collection:', '  history_days: 5', '  history_backfill_per_cycle: 1000',
      'analysis:', '  lookback_days: 5', '  min_points: 50', '  max_lag: 4', '',
    ].join('\n'));
    env = { GAMMA_API_URL: sim.urls.gamma, CLOB_API_URL: sim.urls.clob, NATS_URL: nats.url };
    const collected = await runCli(['collect', '--once', '--json'], dir, env);
    expect(collected.code).toBe(0);

    const fast = { rps: 10_000, burst: 10_000 };
    const runtime: ServiceRuntime = await createTestRuntime({
      name: 'hype', natsUrl: nats.url, env: { X_BEARER_TOKEN: 'cli-e2e' },
      config: { storage: { url: dbFile }, hype: { x_api_url: sim.urls.x, rss_feeds: [], run_at_start: false, backfill_intervals: 200, x_rate_limit: fast } },
    });
    const app = (await createServiceApp({ name: 'hype', module: HypeModule }, runtime)) as INestMicroservice;
    try {
      expect(await app.get(HypeScheduler).runOnce()).toMatchObject({ outcome: 'completed' });
    } finally {
      await closeService(app, runtime);
    }
  });

  afterAll(async () => {
    await sim?.close();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--json: should run once, store the run, publish valid events and print the report', async () => {
    const nc = await connect({ servers: nats.url });
    const seen: string[] = [];
    const invalid: string[] = [];
    for (const subject of [Subjects.AnalysisCorrelation, Subjects.AnalysisMicrostructure]) {
      nc.subscribe(subject, { callback: (_e, m) => {
        const valid = parse(subject, m.data);
        if (!valid.ok) invalid.push(valid.error.message);
        seen.push(subject);
      } });
    }
    await nc.flush();
    try {
      const r = await runCli(['analyze', '--json'], dir, env);
      // one line naming the database read (no system runs here: config.yaml's storage.url), nothing else
      expect(r.err).toBe(`database: sqlite:${dbFile} (from config.yaml)\n`);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out);
      expect(report.tested).toBeGreaterThan(15);
      expect(report.ranking).toHaveLength(report.tested);
      expect(report.ranking.map((m: { rank: number }) => m.rank)).toEqual(Array.from({ length: report.tested }, (_, i) => i + 1));
      expect(report.published).toBe(report.tested * 2 + report.microstructure);
      await waitFor(() => seen.length >= report.published, { what: 'the published analysis events' });
      expect(invalid).toEqual([]);

      const ds = await createDataSource({ url: dbFile });
      try {
        const latest = await new AnalysisStore(ds).latestByMarket();
        expect(latest.size).toBe(report.tested);
        expect(latest.get(report.ranking[0].marketId)).toMatchObject({ runId: report.runId, rank: 1 });
      } finally {
        await ds.destroy();
      }
    } finally {
      await nc.close();
    }
  });

  it('--top N: should print the N strongest as a table, and store without publishing when NATS is down', async () => {
    const r = await runCli(['analyze', '--top', '3'], dir, { ...env, NATS_URL: `nats://127.0.0.1:${await freePort()}` });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/NATS not reachable .* stored but not published/);
    const lines = r.out.split('\n');
    const header = lines.findIndex((l) => /^\s*rank\s+market\s+points\s+hype->price p\(adj\)/.test(l));
    expect(header).toBeGreaterThan(0);
    expect(lines.slice(header + 1, header + 4).map((l) => l.trim().split(/\s+/)[0])).toEqual(['1', '2', '3']);
    expect(lines[header + 4]).toBe('');
    expect(r.out).toMatch(/not published \(no bus\)/);
  });

  it('should refuse a bad --top', async () => {
    const r = await runCli(['analyze', '--top', '0'], dir, env);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--top <n>.*must be a positive whole number, got "0"/);
  });
});
