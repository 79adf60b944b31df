import { RiskJournalStore, createDataSource } from '@polytrader/persistence';
import { riskOpenStep } from '@polytrader/persistence/testing';
import { freePort } from '@polytrader/platform/testing';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './testing/run-cli';

jest.setTimeout(60_000);

/**
 * The built CLI's database commands (`db stats`, `journal --db`) read the database named in the run file
 * of a running system (as `npm run demo` writes data/demo.sqlite while config.yaml names
 * data/polytrader.sqlite), unless --db names another; a stale run file is ignored. Every run says which
 * database it read. Gateway commands (`journal` without --db) talk to the run file's gateway.
 */
describe('polytrader with a run file (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-runfile-'));
  const runFile = join(dir, 'data/run/polytrader.json');
  let gatewayUrl = '';
  const writeRun = (pid: number) => writeFileSync(runFile, JSON.stringify({
    pid, startedAt: new Date().toISOString(), natsUrl: 'nats://127.0.0.1:1', ownNats: false,
    storageUrl: 'data/demo.sqlite', gatewayUrl, configFile: null, demo: true, apiEnv: {},
  }));
  const decisions = (out: string) => (JSON.parse(out) as { tables: { name: string; rows: number }[] }).tables.find((t) => t.name === 'risk_decisions')?.rows;

  beforeAll(async () => {
    gatewayUrl = `http://localhost:${await freePort()}`; // nothing listens there
    mkdirSync(join(dir, 'data/run'), { recursive: true });
    writeFileSync(join(dir, 'config.yaml'), 'storage:\n  url: data/polytrader.sqlite\n');
    for (const [file, withEntry] of [['data/demo.sqlite', true], ['data/polytrader.sqlite', false]] as const) {
      const ds = await createDataSource({ url: join(dir, file) });
      if (withEntry) await new RiskJournalStore(ds).commit(riskOpenStep());
      await ds.destroy();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should read the database of the running system named in data/run/polytrader.json and say so', async () => {
    writeRun(process.pid); // this test process stands in for a running `polytrader start`
    const r = await runCli(['db', 'stats', '--json'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toBe('database: sqlite:data/demo.sqlite (from data/run/polytrader.json)\n');
    expect(decisions(r.out)).toBe(1);
  });

  it("should send gateway commands to the running system's gateway", async () => {
    writeRun(process.pid);
    const r = await runCli(['journal'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^error: cannot reach the gateway at ${gatewayUrl}: .*ECONNREFUSED[^\\n]*\\n$`));
  });

  it('should read the database --db names instead', async () => {
    writeRun(process.pid);
    const r = await runCli(['journal', '--db', 'sqlite:data/polytrader.sqlite'], dir);
    expect({ code: r.code, out: r.out, err: r.err }).toEqual({ code: 0, out: 'journal is empty\n', err: 'database: sqlite:data/polytrader.sqlite (from --db)\n' });
  });

  it('should ignore a stale run file and read the config\'s database', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
    writeRun(gone);
    const r = await runCli(['db', 'stats', '--json'], dir);
    expect(r.code).toBe(0);
    expect(decisions(r.out)).toBe(0);
    expect(r.err).toBe(`database: sqlite:data/polytrader.sqlite (from config.yaml; data/run/polytrader.json is stale (pid ${gone} is not running))\n`);
  });
});
