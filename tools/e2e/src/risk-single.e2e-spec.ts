import { Subjects } from '@polytrader/contracts';
import { serviceNodeFlags, workspaceRoot } from '@polytrader/platform';
import { NatsServerHandle, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, NatsConnection } from 'nats';
import { makeSignal, seedMarkets } from './risk-fixtures';

jest.setTimeout(120_000);

const ENTRY = join(workspaceRoot(), 'dist', 'apps', 'risk', 'main.js');
const BOOK = { bids: [[0.49, 500]] as [number, number][], asks: [[0.5, 500]] as [number, number][] };

interface RiskProcess {
  proc: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * One risk process per database (the writer lease), as real processes on one SQLite file and one NATS:
 * a second risk refuses to start and says why, the first keeps deciding, and once the first dies — even
 * by SIGKILL — a new one starts; a risk whose lock file is deleted under it exits.
 */
describe('one risk process per database (real processes)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let dir: string;
  let configFile: string;
  const running: RiskProcess[] = [];

  beforeAll(async () => {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: build first (npx nx run-many -t build)`);
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    dir = mkdtempSync(join(tmpdir(), 'risk-single-'));
    const dbFile = join(dir, 'risk.sqlite');
    configFile = join(dir, 'config.yaml');
    writeFileSync(configFile, [
      'logging:', '  file: false', '  level: info', 'storage:', `  url: ${dbFile}`,
      'portfolio:', '  initial_equity: 1000', '  max_position_pct: 4',
    ].join('\n'));
    await seedMarkets(dbFile, 2, BOOK);
  });

  afterAll(async () => {
    for (const r of running) if (r.proc.exitCode === null && r.proc.signalCode === null) r.proc.kill('SIGKILL');
    await Promise.all(running.map((r) => r.exited));
    await nc?.close();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function startRisk(): RiskProcess {
    const proc = spawn(process.execPath, [...serviceNodeFlags('risk'), ENTRY], {
      cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME, POLYTRADER_CONFIG: configFile, NATS_URL: nats.url }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stdout?.on('data', (d: Buffer) => (err += d));
    proc.stderr?.on('data', (d: Buffer) => (err += d));
    const r = { proc, stderr: () => err, exited: new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code))) };
    running.push(r);
    return r;
  }

  /** The process's exit code, or a text saying it still runs after `ms`. */
  const exitWithin = (r: RiskProcess, ms: number) =>
    Promise.race([r.exited, new Promise<string>((resolve) => setTimeout(() => resolve(`still running after ${ms} ms`), ms).unref())]);

  /** Publishes a signal and resolves with risk's decision subject for it. */
  async function decide(id: string): Promise<string> {
    const decided = new Promise<string>((resolve) => {
      const sub = nc.subscribe('risk.*', {
        callback: (_e, m) => {
          if ((JSON.parse(Buffer.from(m.data).toString()) as { signalId?: string }).signalId !== id) return;
          sub.unsubscribe();
          resolve(m.subject);
        },
      });
    });
    await nc.jetstream().publish(Subjects.SignalGenerated, Buffer.from(JSON.stringify(makeSignal(id, 'm0', 'BUY', 10))), { msgID: id });
    return decided;
  }

  it('should refuse a second risk process, keep the first deciding, and start a new one once the first is killed', async () => {
    const first = startRisk();
    await waitFor(() => /risk engine ready/.test(first.stderr()), { what: 'the first risk process ready', timeoutMs: 60_000 });
    expect(await decide('single-1')).toBe(Subjects.RiskApproved);

    const second = startRisk();
    const code = await exitWithin(second, 30_000);
    expect(code).toBe(1);
    expect(second.stderr()).toMatch(/another risk process holds \S+risk\.sqlite-risk-lock: one risk per database/);
    expect(second.stderr()).not.toMatch(/risk engine ready/);
    process.stderr.write(`second risk process: exit ${code}, ${second.stderr().split('\n').find((l) => /another risk process/.test(l))?.slice(0, 400)}\n`);

    // the first is untouched by the attempt
    expect(first.proc.exitCode).toBeNull();
    expect(await decide('single-2')).toBe(Subjects.RiskApproved);

    first.proc.kill('SIGKILL');
    await first.exited;
    const third = startRisk();
    await waitFor(() => /risk engine ready/.test(third.stderr()), { what: 'a risk process after the first was killed', timeoutMs: 60_000 });
    expect(await decide('single-3')).toBe(Subjects.RiskApproved);

    // a lock file deleted under a running risk (a new one could be locked by another process): it stops deciding and exits 1
    rmSync(join(dir, 'risk.sqlite-risk-lock'));
    expect(await exitWithin(third, 20_000)).toBe(1);
    expect(third.stderr()).toMatch(/risk writer lease lost: exiting so that no second risk process decides beside this one/);
  });

  it('should stop gracefully and release the lease when SIGTERM comes twice (process group, then supervisor)', async () => {
    const risk = startRisk();
    await waitFor(() => /risk engine ready/.test(risk.stderr()), { what: 'a risk process ready', timeoutMs: 60_000 });
    expect(await decide('single-4')).toBe(Subjects.RiskApproved);
    risk.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 5));
    risk.proc.kill('SIGTERM');
    expect(await exitWithin(risk, 20_000)).toBe(0);
    expect(risk.stderr()).toMatch(/"msg":"risk writer lease released"[\s\S]*"msg":"risk stopped"/);
    expect(statSync(join(dir, 'risk.sqlite-risk-steps')).size).toBe(0); // every logged step is in the tables
  });
});
