import { SERVICE_NAMES } from '@polytrader/contracts';
import { freePort, natsServerBinary, waitFor } from '@polytrader/platform/testing';
import { Simulator, startSimulator } from '@polytrader/simulator';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './testing/run-cli';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '../../..');
const BIN = join(ROOT, 'tools/cli/bin/polytrader.js');

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

type Services = Record<string, { status: string; pid: number | null }>;

const THREE_MISTAKES = 'risk:\n  daily_loss_limit: 5\ngateway:\n  port: 70000\nbus:\n  hartbeat_interval_ms: 100\n';
const EXPECTED = [
  'risk.daily_loss_limit: must be a negative number (percent of start-of-day equity), got 5',
  'gateway.port: must not be greater than 65535, got 70000',
  'bus.hartbeat_interval_ms: unknown key (did you mean heartbeat_interval_ms?), got 100',
];

describe('polytrader config validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-config-'));
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, THREE_MISTAKES);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should print all three mistakes by path and exit 1', () => {
    const r = cli(['config', 'validate', bad], dir);
    expect(r.code).toBe(1);
    for (const line of EXPECTED) expect(r.out).toContain(line);
    expect(r.out).toContain('3 problem(s)');
  });

  it('should exit 0 on the shipped config.yaml', () => {
    const r = cli(['config', 'validate', join(ROOT, 'config.yaml')], dir);
    expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: expect.stringMatching(/config.yaml: OK/) });
  });

  it('should make every service refuse to start on the bad file with the same messages', async () => {
    const results = await Promise.all(SERVICE_NAMES.map((name) => new Promise<{ name: string; code: number | null; err: string }>((resolve) => {
      const p = spawn(process.execPath, [join(ROOT, 'dist/apps', name, 'main.js')], {
        cwd: dir, env: { PATH: process.env.PATH, POLYTRADER_CONFIG: bad, NATS_URL: 'nats://127.0.0.1:1' },
      });
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      // 'close', not 'exit': a process can exit before its stderr pipe has been read to the end
      p.on('close', (code) => resolve({ name, code, err }));
    })));
    for (const r of results) {
      expect({ name: r.name, code: r.code }).toEqual({ name: r.name, code: 1 });
      for (const line of EXPECTED) expect(r.err).toContain(line);
    }
  });
});

describe('polytrader start / status / kill / reset / logs / stop', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-run-'));
  let env: NodeJS.ProcessEnv;
  let orchestrator: ChildProcess;
  let exit: Promise<number | null>;

  beforeAll(async () => {
    if (!natsServerBinary()) throw new Error('nats-server is required for this test (apt-get install -y nats-server)');
    const [natsPort, gatewayPort] = [await freePort(), await freePort()];
    writeFileSync(join(dir, 'config.yaml'), `bus:\n  heartbeat_interval_ms: 250\ngateway:\n  host: 127.0.0.1\n  port: ${gatewayPort}\n`);
    // Nothing listens on natsPort: `start` must launch its own nats-server there.
    env = { NATS_URL: `nats://127.0.0.1:${natsPort}`, GATEWAY_TOKEN: 't' };
    orchestrator = spawn(process.execPath, [BIN, 'start'], { cwd: dir, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    orchestrator.stdout?.resume();
    exit = new Promise((r) => orchestrator.on('exit', (code) => r(code)));
  });

  afterAll(async () => {
    if (orchestrator.exitCode === null) orchestrator.kill('SIGTERM');
    await exit;
    rmSync(dir, { recursive: true, force: true });
  });

  const statusJson = () => {
    const r = cli(['status', '--json'], dir, env);
    return { code: r.code, body: r.out ? JSON.parse(r.out) : null };
  };

  it('should start NATS and the seven services, and report them running', async () => {
    const s = await waitFor(() => {
      const st = statusJson();
      return st.code === 0 ? st : null;
    }, { what: 'status exit 0', timeoutMs: 30_000 });
    // through the run file's gateway (GET /api/services)
    expect(Object.entries(s.body.services as Services).map(([n, v]) => [n, v.status])).toEqual(SERVICE_NAMES.map((n) => [n, 'up']));
    const table = cli(['status'], dir, env);
    expect(table.out).toMatch(/collector +│ up/);
  });

  it('should restart a service that crashed', async () => {
    const before = (statusJson().body.services as Services).signals.pid as number;
    process.kill(before, 'SIGKILL');
    await waitFor(() => {
      const row = (statusJson().body?.services as Services | undefined)?.signals;
      return row?.status === 'up' && row.pid !== before;
    }, { what: 'signals restarted', timeoutMs: 20_000 });
  });

  it('should halt everything on `kill --reason` and resume on `reset`', async () => {
    expect(cli(['kill', '--reason', 'cli test'], dir, env).code).toBe(0);
    const halted = await waitFor(() => {
      const st = statusJson();
      return st.body && Object.values(st.body.services as Services).every((v) => v.status === 'halted') ? st : null;
    }, { what: 'halted' });
    expect(halted.code).toBe(1);
    // a system runs (its run file): kill went through the gateway's POST /api/kill
    expect(halted.body.kill).toMatchObject({ reason: 'cli test', source: 'gateway' });
    expect(cli(['status'], dir, env).out).toContain('HALTED by gateway');
    expect(cli(['reset'], dir, env).code).toBe(0);
    await waitFor(() => statusJson().code === 0, { what: 'running again' });
  });

  it('should read the logs by component and level', () => {
    for (const args of [['logs', '--component', 'risk', '--level', 'warn'], ['logs', '--local', '--component', 'risk', '--level', 'warn']]) {
      const r = cli(args, dir, env);
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
      expect(r.out).toMatch(/ERROR \[risk\] HALTED by gateway: cli test/);
      expect(r.out).not.toMatch(/INFO/);
    }
    expect(cli(['logs', '--level', 'loud'], dir, env)).toMatchObject({ code: 1, err: expect.stringMatching(/--level must be one of/) });
  });

  it('should stop gracefully: services and its own nats-server gone, exit 0', async () => {
    const pids = Object.values(statusJson().body.services as Services).map((v) => v.pid as number);
    expect(cli(['stop'], dir, env).code).toBe(0);
    expect(await exit).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    expect(cli(['status'], dir, env).code).toBe(1);
  });
});

describe('polytrader collect --once and db optimize, without the other services', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-collect-'));
  let sim: Simulator;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, markets: 25, seed: 3 });
    writeFileSync(join(dir, 'config.yaml'), 'storage:\n  url: data/once.sqlite\nlogging:\n  file: false\n');
    // Nothing listens on this port: the cycle must store without publishing.
    env = { GAMMA_API_URL: sim.urls.gamma, CLOB_API_URL: sim.urls.clob, NATS_URL: `nats://127.0.0.1:${await freePort()}` };
  });

  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should run one cycle, store it, say it could not publish, and print the report as JSON', async () => {
    const open = ((await (await fetch(`${sim.urls.gamma}/markets?limit=500&active=true&closed=false`)).json()) as unknown[]).length;
    const r = await runCli(['collect', '--once', '--json'], dir, env);
    expect(r.err).toMatch(/NATS not reachable .* stored but not published/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ outcome: 'completed', markets: open, snapshots: open, rejected: 0 });
  });

  it('should optimize the database and report what it did', async () => {
    const r = await runCli(['db', 'optimize', '--json'], dir, env);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ engine: 'sqlite', deleted: { snapshots: 0, books: 0 } });
    expect(report.tables.find((t: { name: string }) => t.name === 'market_snapshots').rows).toBeGreaterThan(0);
    const text = await runCli(['db', 'optimize'], dir, env);
    expect(text.out).toMatch(/sqlite: optimized in \d+ ms/);
  });
});
