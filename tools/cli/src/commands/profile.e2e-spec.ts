import { StageTimingRecord, StageTimingStore, createDataSource } from '@polytrader/persistence';
import { ServiceRuntime } from '@polytrader/platform';
import { NatsServerHandle, createTestRuntime, freePort, startNatsServer } from '@polytrader/platform/testing';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli';

jest.setTimeout(90_000);

const T0 = Date.parse('2026-12-07T10:00:00.000Z');

/** One cycle's rows as a service writes them: its stages and the total (their sum plus `overheadMs`). */
function cycle(name: string, service: string, minute: number, stages: Record<string, number>, overheadMs = 0): StageTimingRecord[] {
  const startedAt = new Date(T0 + minute * 60_000).toISOString();
  const base = { service, cycle: name, cycleId: startedAt, startedAt, outcome: 'ok' as const };
  const total = Object.values(stages).reduce((a, b) => a + b, 0) + overheadMs;
  return [...Object.entries(stages).map(([stage, durationMs]) => ({ ...base, stage, durationMs })), { ...base, stage: 'total', durationMs: total }];
}

/**
 * `polytrader profile` as a user runs it (the built CLI, dist/), on a seeded SQLite file; `--cpu` against a real
 * service runtime on a private nats-server.
 */
describe('polytrader profile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-profile-'));
  const dbFile = join(dir, 'data', 'profile.sqlite');
  const emptyDb = join(dir, 'data', 'empty.sqlite');

  beforeAll(async () => {
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'config.yaml'), [
      'storage:', `  url: ${dbFile}`, 'logging:', '  file: false',
      'profiler:', '  budgets_ms:', '    collection.fetch.gamma: 250', '    collection.persist: 100', '    hype.x: 1000', '',
    ].join('\n'));
    for (const file of [dbFile, emptyDb]) {
      const ds = await createDataSource({ url: file });
      try {
        if (file === dbFile) {
          const store = new StageTimingStore(ds);
          // an old collection cycle that --last 3 leaves out, then three with fetch.gamma 100, 200, 300 ms
          await store.saveStageTimings(cycle('collection', 'collector', 0, { 'fetch.gamma': 5000, persist: 10 }));
          for (const [i, ms] of [100, 200, 300].entries()) await store.saveStageTimings(cycle('collection', 'collector', 15 * (i + 1), { 'fetch.gamma': ms, persist: 10 }, 5));
          await store.saveStageTimings(cycle('hype', 'hype', 15, { x: 400, news: 100 }));
        }
      } finally {
        await ds.destroy();
      }
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--json: should give p50, p95, max and share per stage of the newest N cycles, and name the stages over budget', async () => {
    const r = await runCli(['profile', '--last', '3', '--json'], dir);
    expect(r.err).toBe(`database: sqlite:${dbFile} (from config.yaml)\n`);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.lastCycles).toBe(3);
    expect(report.cycles.map((c: { cycle: string }) => c.cycle)).toEqual(['collection', 'hype']);
    const collection = report.cycles[0];
    expect(collection).toMatchObject({ cycle: 'collection', services: ['collector'], cycles: 3, from: '2026-12-07T10:15:00.000Z', to: '2026-12-07T10:45:00.000Z' });
    expect(collection.stages.map((s: { stage: string }) => s.stage)).toEqual(['fetch.gamma', 'persist', 'total']);
    // R: quantile(c(100, 200, 300), c(.5, .95)) = 200, 290; share = 600 / (115 + 215 + 315)
    expect(collection.stages[0]).toEqual({ stage: 'fetch.gamma', n: 3, p50Ms: 200, p95Ms: 290, maxMs: 300, share: 0.93, failed: 0, budgetMs: 250, overBudget: true });
    expect(collection.stages[1]).toEqual({ stage: 'persist', n: 3, p50Ms: 10, p95Ms: 10, maxMs: 10, share: 0.047, failed: 0, budgetMs: 100, overBudget: false });
    expect(collection.stages[2]).toMatchObject({ stage: 'total', n: 3, p50Ms: 215, maxMs: 315, share: 1, budgetMs: null, overBudget: false });
    expect(report.cycles[1].stages.map((s: { stage: string; share: number }) => [s.stage, s.share])).toEqual([['x', 0.8], ['news', 0.2], ['total', 1]]);
    expect(report.overBudget).toEqual(['collection.fetch.gamma']);
  });

  it('should print a table for humans, --cycle narrowing it, with the stages over budget named', async () => {
    const r = await runCli(['profile', '--cycle', 'collection', '--last', '3', '--db', dbFile], dir);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`database: sqlite:${dbFile} (from --db)\n`);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('collection (collector): last 3 cycles, 2026-12-07T10:15:00.000Z … 2026-12-07T10:45:00.000Z');
    expect(lines[1]).toMatch(/^\s+stage\s+n\s+p50\s+p95\s+max\s+share\s+budget$/);
    expect(lines[2]).toMatch(/^\s+fetch\.gamma\s+3\s+200 ms\s+290 ms\s+300 ms\s+93\.0%\s+250 ms OVER$/);
    expect(lines.at(-1)).toBe('over budget (p95): collection.fetch.gamma');
    expect(r.out).not.toMatch(/^hype/m);
  });

  it('should read every cycle by default (20 newest), the old slow one included', async () => {
    const r = await runCli(['profile', '--cycle', 'collection', '--json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).cycles[0]).toMatchObject({ cycles: 4, stages: [expect.objectContaining({ stage: 'fetch.gamma', maxMs: 5000 }), expect.anything(), expect.anything()] });
  });

  it('should exit 1 with error: naming the cycle, a bad --last, an empty database and a bad --cpu request', async () => {
    const unknown = await runCli(['profile', '--cycle', 'nope'], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(`error: --cycle: no stage timings for cycle "nope" in sqlite:${dbFile} (it has: collection, hype)\n`);

    const last = await runCli(['profile', '--last', '0'], dir);
    expect(last.code).toBe(1);
    expect(last.err).toMatch(/error: option '--last <n>' argument '0' is invalid\. must be a positive whole number, got "0"/);

    const empty = await runCli(['profile', '--db', emptyDb, '--json'], dir);
    expect(empty.code).toBe(1);
    expect(empty.out).toBe('');
    expect(empty.err).toContain(`error: no stage timings in sqlite:${emptyDb} yet: the services write one set per cycle\n`);

    const missing = await runCli(['profile', '--db', join(dir, 'data', 'none.sqlite')], dir);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/error: .*none\.sqlite does not exist yet/);

    for (const [args, message] of [
      [['--cpu', 'riskk', '--seconds', '5'], 'error: --cpu: unknown service "riskk" (one of collector, hype, analyzer, signals, risk, notifier, gateway)'],
      [['--cpu', 'risk'], 'error: --seconds: required with --cpu (1..120)'],
      [['--cpu', 'risk', '--seconds', '121'], 'error: --seconds: must be an integer in 1..120, got "121"'],
      [['--cpu', 'risk', '--seconds', 'x'], 'error: --seconds: must be an integer in 1..120, got "x"'],
      [['--seconds', '5'], 'error: --seconds goes with --cpu SERVICE'],
    ] as const) {
      const r = await runCli(['profile', ...args], dir);
      expect({ args, code: r.code, err: r.err.trim() }).toEqual({ args, code: 1, err: message });
    }
  });

  describe('--cpu over the bus', () => {
    let nats: NatsServerHandle;
    let runtime: ServiceRuntime;

    beforeAll(async () => {
      nats = await startNatsServer();
      runtime = await createTestRuntime({ name: 'signals', natsUrl: nats.url, config: { storage: { url: dbFile } } });
    });

    afterAll(async () => {
      runtime?.heartbeat.stop();
      runtime?.killSwitch.stop();
      runtime?.metrics.close();
      await runtime?.nc.close();
      await nats?.stop();
    });

    it('--json: should have the running service write a .cpuprofile under its data directory and print its path and size', async () => {
      const r = await runCli(['profile', '--cpu', 'signals', '--seconds', '1', '--json'], dir, { NATS_URL: nats.url });
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const answer = JSON.parse(r.out);
      expect(answer).toMatchObject({ ok: true, service: 'signals', seconds: 1 });
      expect(answer.path.startsWith(join(dir, 'data', 'profiles', 'signals-'))).toBe(true);
      expect(existsSync(answer.path)).toBe(true);
      const profile = JSON.parse(readFileSync(answer.path, 'utf8'));
      expect(Array.isArray(profile.nodes) && Array.isArray(profile.samples)).toBe(true);
      expect(Buffer.byteLength(readFileSync(answer.path))).toBe(answer.bytes);
    });

    it('should exit 1 naming the service when nothing answers', async () => {
      const r = await runCli(['profile', '--cpu', 'notifier', '--seconds', '1'], dir, { NATS_URL: nats.url });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/error: notifier did not answer on system\.profile\.notifier \(.*\): is it running on this bus\?/);
    });

    it('should exit 1 when no bus answers at all', async () => {
      const r = await runCli(['profile', '--cpu', 'signals', '--seconds', '1'], dir, { NATS_URL: `nats://127.0.0.1:${await freePort()}` });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^error: /m);
    });
  });
});
