import { AlertStore, MarketStore, RiskJournalStore, SignalStore, type SignalRecord } from '@polytrader/persistence';
import { RISK_T0, TestDatabase, createTestDatabase, cycleBatch, riskOpenStep, riskPosition, riskTrade } from '@polytrader/persistence/testing';
import { NatsServerHandle, freePort, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_BIN, runCli } from './testing/run-cli';

jest.setTimeout(90_000);

const ROOT = join(__dirname, '../../..');
const GATEWAY_ENTRY = join(ROOT, 'dist/apps/gateway/main.js');
const TOKEN = 'cli-e2e-token';
const H = 3_600_000;
/** whole seconds, as an owner writes config dates: one event inside the 24 h no-entry window, one 3 days out */
const calendarAt = (ms: number) => new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString();
const CAL_SOON = calendarAt(12 * H);
const CAL_LATER = calendarAt(72 * H);

const signal = (id: string, over: Partial<SignalRecord> = {}): SignalRecord => ({
  id, marketId: 'm1', outcome: 'Yes', tokenId: 'm1-yes', side: 'BUY', price: 0.42, strength: 'STRONG', confidence: 0.8, size: 10,
  reasons: ['hype z 3.1'], ts: RISK_T0, status: 'published', note: null, stake: 4.2, sector: 'Politics', ...over,
});

/**
 * The built CLI against the built gateway (dist/apps/gateway/main.js) as a process: a private NATS, an
 * SQLite database seeded by the services' own stores, GATEWAY_TOKEN. Every read command, --json and
 * table; the one-line errors; kill/reset/reduce through the control endpoints; `watch` on the live stream.
 */
describe('polytrader through the gateway (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-gateway-'));
  let nats: NatsServerHandle;
  let db: TestDatabase;
  let gateway: ChildProcess;
  let url: string;
  let gatewayEnv: NodeJS.ProcessEnv;
  let env: NodeJS.ProcessEnv;

  const startGateway = async () => {
    gateway = spawn(process.execPath, [GATEWAY_ENTRY], { cwd: dir, env: gatewayEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    gateway.stderr?.on('data', (d: Buffer) => process.stderr.write(`[gateway] ${d}`));
    await waitFor(async () => (await fetch(`${url}/health`).catch(() => null))?.ok === true, { what: 'gateway /health', timeoutMs: 30_000 });
  };
  const stopGateway = () => new Promise<void>((resolve) => {
    if (gateway.exitCode !== null || gateway.signalCode !== null) return resolve();
    gateway.once('exit', () => resolve());
    gateway.kill('SIGTERM');
  });
  const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(args, dir, { ...env, ...extra });
  const json = async (args: string[]) => {
    const r = await cli([...args, '--json']);
    expect({ args, code: r.code, err: r.err }).toEqual({ args, code: 0, err: '' });
    return JSON.parse(r.out);
  };
  const systemState = async () => ((await (await fetch(`${url}/status`)).json()) as { state: string }).state;

  beforeAll(async () => {
    nats = await startNatsServer();
    db = await createTestDatabase('sqlite');
    // ending in 30 days: outside the calendar's week, and not blocking entries (the factory's 2026-01-01 is past: awaiting resolution)
    const batch = cycleBatch({ markets: 3, start: RISK_T0 });
    await new MarketStore(db.ds).saveCycle({ ...batch, markets: batch.markets.map((m) => ({ ...m, endDate: calendarAt(30 * 24 * H) })) });
    const open = riskOpenStep();
    await new RiskJournalStore(db.ds).commit({ ...open, trades: [riskTrade({ tokenId: 'm1-yes' })], positions: { upsert: [riskPosition({ tokenId: 'm1-yes' })], remove: [] } });
    await new SignalStore(db.ds).save([signal('s1'), signal('s2', { status: 'suppressed', ts: '2026-11-30T10:05:00.000Z' })]);
    await new AlertStore(db.ds).complete({ alertId: 'a1', kind: 'trade', chatId: 'c1', status: 'failed', attempts: 3, error: 'telegram 502', ts: RISK_T0 });
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs/risk.1.log'), [
      { time: '2026-11-30T10:00:00.000Z', level: 'info', component: 'risk', msg: 'approved s1' },
      { time: '2026-11-30T10:00:01.000Z', level: 'warn', component: 'risk', msg: 'exposure near the cap', metrics: { exposure: 0.9 } },
    ].map((l) => JSON.stringify(l)).join('\n') + '\n');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // the calendar's week: two config events, relative to now
    const calendarYaml = `calendar:\n  events:\n    - {name: Debate, date: "${CAL_SOON}", market_ids: [m1]}\n    - {name: Fed meeting, date: "${CAL_LATER}", tags: [politics]}\n`;
    writeFileSync(join(dir, 'config.yaml'), `bus:\n  heartbeat_interval_ms: 250\ngateway:\n  host: 127.0.0.1\nlogging:\n  dir: ${join(dir, 'logs')}\n  file: false\n${calendarYaml}`);
    gatewayEnv = { PATH: process.env.PATH, HOME: process.env.HOME, POLYTRADER_CONFIG: join(dir, 'config.yaml'), NATS_URL: nats.url, DATABASE_URL: db.url, GATEWAY_PORT: String(port), GATEWAY_TOKEN: TOKEN };
    // the CLI gets only the gateway: no database, no NATS it could read instead
    env = { GATEWAY_URL: url, GATEWAY_TOKEN: TOKEN, NATS_URL: `nats://127.0.0.1:${await freePort()}` };
    await startGateway();
  });

  afterAll(async () => {
    await stopGateway();
    await db.drop();
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should list and page markets, as JSON and as a table', async () => {
    const page = await json(['markets', '--sort', 'volume', '--limit', '2']);
    expect(page.items.map((m: { id: string }) => m.id)).toEqual(['m2', 'm1']);
    expect(page.next).toEqual(expect.any(String));
    const rest = await json(['markets', '--sort', 'volume', '--cursor', page.next]);
    expect(rest).toMatchObject({ items: [{ id: 'm0' }], next: null });
    const table = await cli(['markets', '--q', 'thing 1']);
    expect(table).toMatchObject({ code: 0, err: '' });
    expect(table.out).toMatch(/│ m1 +│ Will thing 1 happen\? +│ Politics/);
    expect(table.out).toContain('1 market(s)');
  });

  it("should show one market's detail, and a one-line 404 for an unknown id", async () => {
    const detail = await json(['market', 'm1', '--from', '2026-11-29T00:00:00.000Z', '--to', '2026-12-01T00:00:00.000Z']);
    expect(detail).toMatchObject({ market: { id: 'm1' }, latestSnapshot: { marketId: 'm1' }, books: [{}, {}] });
    const table = await cli(['market', 'm1', '--from', '2026-11-29T00:00:00.000Z', '--to', '2026-12-01T00:00:00.000Z']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^Will thing 1 happen\?\nid m1 {2}slug market-1 {2}category Politics {2}active/);
    expect(table.out).toMatch(/│ Yes +│ [\d.]+ +│ [\d.]+ +│/);
    expect(await cli(['market', 'nope'])).toEqual({ code: 1, out: '', err: `error: the gateway at ${url} answered 404: no market with id "nope"\n` });
  });

  it('should read signals, positions, trades, pnl, alerts and the journal', async () => {
    expect((await json(['signals', '--status', 'all'])).map((s: { id: string }) => s.id)).toEqual(['s2', 's1']);
    expect((await cli(['signals'])).out).toMatch(/│ 2026-11-30 10:00 │ m1 +│ Yes +│ BUY +│ 0\.42 +│ STRONG/);
    expect(await json(['positions'])).toMatchObject([{ marketId: 'm1', tokenId: 'm1-yes', size: 100, book: { mid: expect.any(Number) } }]);
    expect((await cli(['positions'])).out).toMatch(/1 position\(s\), unrealized 10 USDC/);
    expect(await json(['trades'])).toMatchObject([{ tradeId: 't1', status: 'open' }]);
    expect((await cli(['trades'])).out).toMatch(/│ t1 +│ m1 +│ BUY/);
    expect(await json(['pnl', '--from', RISK_T0])).toMatchObject({ realizedPnl: -0.1, tradesOpened: 1 });
    expect((await cli(['pnl', '--from', RISK_T0])).out).toMatch(/│ trades opened \/ closed +│ 1 \/ 0 +│/);
    expect(await json(['alerts'])).toMatchObject([{ alertId: 'a1', status: 'failed', error: 'telegram 502' }]);
    expect((await cli(['alerts'])).out).toMatch(/│ trade +│ failed +│ 3 +│ c1 +│ telegram 502/);
    expect((await json(['journal'])).map((e: { kind: string }) => e.kind)).toEqual(['decision', 'order']);
    expect((await cli(['journal', '--csv'])).out.split('\n')[0]).toBe('ts,kind,signal_id,market_id,token_id,side,what,size,price,fees,realized_pnl,status,reasons');
  });

  it('should read the calendar from the gateway: JSON with --days and --market, the table, one-line errors', async () => {
    const soon = await json(['calendar', '--days', '2']);
    expect(soon).toMatchObject({ noEntryWindowH: 24, entries: [{ kind: 'event', what: 'Debate', at: CAL_SOON, marketIds: ['m1'], noEntry: true }] });
    expect(soon.entries).toHaveLength(1);
    expect(Date.parse(soon.range.to) - Date.parse(soon.range.from)).toBe(48 * H);
    const week = await json(['calendar', '--market', 'm1']);
    expect(week.entries.map((e: { what: string; marketIds: string[] }) => [e.what, e.marketIds])).toEqual([['Debate', ['m1']], ['Fed meeting', ['m1']]]);
    expect(week.market).toEqual({ id: 'm1', noEntry: true, blocker: { kind: 'event', name: 'Debate', at: CAL_SOON } });
    expect((await json(['calendar', '--market', 'm0'])).market).toEqual({ id: 'm0', noEntry: false, blocker: null });

    const table = await cli(['calendar', '--market', 'm1']);
    expect(table).toMatchObject({ code: 0, err: '' });
    expect(table.out).toMatch(new RegExp(`│ ${CAL_SOON.replace('T', ' ').slice(0, 16)} │ 1[12]\\.\\d h +│ event +│ Debate +│ m1 +│ yes +│`));
    expect(table.out).toMatch(/│ Fed meeting +│ m1 +│ +│/);
    expect(table.out).toContain('2 upcoming in 7 day(s); 1 inside the 24 h no-entry window\nm1 takes no new entry now: event "Debate" at ');
    expect((await cli(['calendar', '--days', '1', '--market', 'm0'])).out).toBe('nothing resolves or happens in the next 1 day(s)\nm0 takes new entries now\n');

    expect(await cli(['calendar', '--days', '400'])).toEqual({ code: 1, out: '', err: expect.stringMatching(new RegExp(`^error: the gateway at ${url.replace(/\./g, '\\.')} answered 400: to: at most 366 days after from, got "[^"]+"\n$`)) });
    expect(await cli(['calendar', '--market', 'nope'])).toEqual({ code: 1, out: '', err: `error: the gateway at ${url} answered 404: no market with id "nope"\n` });
  });

  it("should read services and status (exit 1: only the gateway runs) and the gateway machine's logs", async () => {
    await waitFor(async () => (await json(['services'])).services.gateway.status === 'up', { what: 'gateway heartbeat' });
    const services = await cli(['services']);
    expect(services.out).toMatch(/│ gateway +│ up +│/);
    expect(services.out).toMatch(/│ risk +│ down +│/);
    const status = await cli(['status', '--json']);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.out)).toMatchObject({ state: 'running', kill: null, services: { gateway: { status: 'up' }, risk: { status: 'down' } } });
    const logs = await cli(['logs', '--component', 'risk', '--level', 'warn']);
    expect(logs).toEqual({ code: 0, err: '', out: '2026-11-30T10:00:01.000Z WARN  [risk] exposure near the cap {"exposure":0.9}\n' });
    expect(JSON.parse((await cli(['logs', '--component', 'risk', '--json', '-n', '1'])).out)).toMatchObject({ msg: 'exposure near the cap' });
  });

  it('should follow the logs through the gateway, printing each new line once', async () => {
    const follower = spawn(process.execPath, [CLI_BIN, 'logs', '--component', 'risk', '--follow'], { cwd: dir, env: { PATH: process.env.PATH, ...env } });
    let out = '';
    follower.stdout.on('data', (d) => (out += d));
    const exited = new Promise<unknown>((resolve) => follower.on('exit', resolve));
    await waitFor(() => out.includes('exposure near the cap'), { what: 'the existing lines' });
    appendFileSync(join(dir, 'logs/risk.1.log'), `${JSON.stringify({ time: new Date().toISOString(), level: 'error', component: 'risk', msg: 'followed line' })}\n`);
    await waitFor(() => out.includes('followed line'), { what: 'the appended line' });
    await new Promise((r) => setTimeout(r, 2500)); // two more polls: nothing printed twice
    follower.kill('SIGINT');
    await exited;
    expect(out.split('\n').filter((l) => l.includes('exposure near the cap') || l.includes('followed line'))).toHaveLength(2);
    expect(out).toMatch(/ERROR \[risk\] followed line\n$/);
  });

  it('should print the gateway\'s 400 as one line and exit 1', async () => {
    expect(await cli(['markets', '--limit', '0'])).toEqual({ code: 1, out: '', err: `error: the gateway at ${url} answered 400: limit: must not be less than 1, got 0\n` });
    const r = await cli(['signals', '--status', 'maybe', '--since', 'monday']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: the gateway at \S+ answered 400: status: must be one of the following values: .*, got "maybe"; since: must be a valid ISO 8601 date string, got "monday"\n$/);
  });

  it('should say in one line that it cannot reach a gateway, or that the token is wrong, and exit 1', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    for (const args of [['markets'], ['status'], ['journal'], ['kill'], ['watch']]) {
      const r = await cli(args, { GATEWAY_URL: nobody });
      expect({ args, code: r.code, out: r.out }).toEqual({ args, code: 1, out: '' });
      expect(r.err).toMatch(new RegExp(`^error: cannot reach the gateway at ${nobody.replace(/\./g, '\\.')}: .*ECONNREFUSED[^\\n]*\\n$`));
    }
    for (const args of [['positions'], ['kill'], ['watch']]) {
      expect(await cli(args, { GATEWAY_TOKEN: 'wrong' })).toEqual({ code: 1, out: '', err: `error: the gateway at ${url} answered 401: missing or wrong bearer token or session cookie\n` });
    }
    expect((await cli(['positions'], { GATEWAY_TOKEN: '' })).err).toBe(`error: the gateway at ${url} answered 401: missing or wrong bearer token or session cookie (GATEWAY_TOKEN is not set)\n`);
  });

  it('should say in one line that nobody collects when no collector answers (503)', async () => {
    const r = await cli(['collect']);
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(r.err).toMatch(/^error: the gateway at \S+ answered 503: collector did not answer on system\.run\.collector: [^\n]*\n$/);
  });

  it('should ask the running analyzer for one run now (202), and print its 409 as one line when halted', async () => {
    const analyzer = spawn(process.execPath, [join(ROOT, 'dist/apps/analyzer/main.js')], { cwd: dir, env: gatewayEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    analyzer.stderr?.on('data', (d: Buffer) => process.stderr.write(`[analyzer] ${d}`));
    const exited = new Promise((resolve) => analyzer.on('exit', resolve));
    try {
      await waitFor(async () => (await json(['services'])).services.analyzer.status === 'up', { what: 'analyzer up', timeoutMs: 30_000 });
      const started = await waitFor(async () => {
        const r = await cli(['analyze']);
        return r.code === 0 ? r : null; // 409 while its start-up run is still going
      }, { what: 'analyze started through the gateway' });
      expect(started.out).toMatch(/^analyzer started a run at \S+ \(via the gateway at \S+\); follow it with: polytrader watch\n$/);
      expect((await cli(['kill', '--reason', 'no runs'])).code).toBe(0);
      await waitFor(async () => (await json(['services'])).services.analyzer.status === 'halted', { what: 'analyzer halted' });
      expect(await cli(['analyze', '--json'])).toEqual({ code: 1, out: '', err: `error: the gateway at ${url} answered 409: analyzer did not start a run: the system is halted: reset first\n` });
      expect((await cli(['reset'])).code).toBe(0);
      await waitFor(async () => (await systemState()) === 'running', { what: 'running again' });
    } finally {
      analyzer.kill('SIGTERM');
      await exited;
    }
  });

  it('should halt and resume the system through the control endpoints, and set and leave reduce-only', async () => {
    const kill = await cli(['kill', '--reason', 'cli e2e']);
    expect(kill).toMatchObject({ code: 0, err: '' });
    expect(kill.out).toMatch(new RegExp(`^system\\.kill published via the gateway at ${url.replace(/\./g, '\\.')} \\(stream CONTROL, seq \\d+\\): cli e2e\\n$`));
    await waitFor(async () => (await systemState()) === 'halted', { what: 'halted' });
    expect(JSON.parse((await cli(['status', '--json'])).out)).toMatchObject({ state: 'halted', kill: { reason: 'cli e2e', source: 'gateway' } });
    expect((await cli(['status'])).out).toContain('HALTED by gateway');
    expect(JSON.parse((await cli(['reset', '--json'])).out)).toMatchObject({ published: 'system.reset', reason: 'manual reset from gateway', source: 'gateway' });
    await waitFor(async () => (await systemState()) === 'running', { what: 'running again' });
    expect((await cli(['reduce', '--reason', 'night'])).out).toBe('risk.command reduce published via the gateway at ' + url + ': night\n');
    expect(JSON.parse((await cli(['reduce', '--off', '--json'])).out)).toMatchObject({ published: 'risk.command', command: 'resume' });
  });

  it('should ask the services on the bus when a gateway it was not told about is down (status), or publish there (kill/reset)', async () => {
    const nobodyPort = await freePort();
    const cliConfig = join(dir, 'cli-config.yaml');
    writeFileSync(cliConfig, `gateway:\n  port: ${nobodyPort}\nlogging:\n  file: false\n`);
    const local = { GATEWAY_URL: '', NATS_URL: nats.url, POLYTRADER_CONFIG: cliConfig };
    const status = await cli(['status', '--json'], local);
    expect(status.code).toBe(1);
    expect(status.err).toMatch(new RegExp(`^cannot reach the gateway at http://localhost:${nobodyPort}: .*; asking the services on the bus instead\\n$`));
    // the gateway process answers system.status.gateway itself
    expect(JSON.parse(status.out)).toMatchObject({ state: 'running', services: { gateway: { status: 'up', pid: gateway.pid }, risk: { status: 'down' } } });

    // a live run file whose gateway does not answer: the emergency stop goes on the bus
    const runFile = join(dir, 'run.json');
    writeFileSync(runFile, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), natsUrl: nats.url, ownNats: false, gatewayUrl: `http://localhost:${nobodyPort}` }));
    const kill = await cli(['kill', '--reason', 'bus fallback'], { ...local, POLYTRADER_RUN_FILE: runFile });
    expect(kill).toMatchObject({ code: 0, err: expect.stringMatching(/; publishing on the bus directly\n$/), out: expect.stringMatching(/^system\.kill published on the bus \(stream CONTROL, seq \d+\): bus fallback\n$/) });
    await waitFor(async () => (await systemState()) === 'halted', { what: 'halted by the cli on the bus' });
    expect((await cli(['reset'], { ...local, POLYTRADER_RUN_FILE: runFile })).code).toBe(0);
    await waitFor(async () => (await systemState()) === 'running', { what: 'running again' });
  });

  it('should tail the live stream, reconnect after a gateway restart with Last-Event-ID, and exit 0 on Ctrl-C', async () => {
    const watcher = spawn(process.execPath, [CLI_BIN, 'watch', '--json'], { cwd: dir, env: { PATH: process.env.PATH, ...env } });
    let out = '';
    let err = '';
    watcher.stdout.on('data', (d) => (out += d));
    watcher.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => watcher.on('exit', (code) => resolve(code)));
    const events = () => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { event: string; id?: string; data: { reason?: string } });
    await waitFor(() => events().some((e) => e.event === 'services') && events().some((e) => e.event === 'trading-state'), { what: 'snapshots on connect' });
    expect((await cli(['kill', '--reason', 'watched'])).code).toBe(0);
    await waitFor(() => events().some((e) => e.event === 'system.kill' && e.data.reason === 'watched'), { what: 'system.kill on the stream' });
    expect(events().find((e) => e.event === 'system.kill')?.id).toMatch(/CONTROL:\d+/);

    await stopGateway();
    await waitFor(() => err.includes('reconnecting'), { what: 'the drop noticed' });
    await startGateway();
    // published while the watcher may still be between tries: the replay after Last-Event-ID brings it
    expect((await cli(['reset', '--reason', 'after restart'])).code).toBe(0);
    await waitFor(() => events().some((e) => e.event === 'system.reset' && e.data.reason === 'after restart'), { what: 'system.reset after the reconnect', timeoutMs: 20_000 });
    expect(err).toMatch(/reconnected after \S*CONTROL:\d+/);
    expect(events().filter((e) => e.event === 'system.kill' && e.data.reason === 'watched')).toHaveLength(1);

    watcher.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('should print one summary line per event without --json', async () => {
    const watcher = spawn(process.execPath, [CLI_BIN, 'watch'], { cwd: dir, env: { PATH: process.env.PATH, ...env } });
    let out = '';
    watcher.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => watcher.on('exit', (code) => resolve(code)));
    await waitFor(() => /^\d\d:\d\d:\d\d {2}services {16}/m.test(out), { what: 'services line' });
    expect((await cli(['kill', '--reason', 'line test'])).code).toBe(0);
    await waitFor(() => /^\d\d:\d\d:\d\d {2}system\.kill +line test \(by gateway\)$/m.test(out), { what: 'kill line' });
    expect((await cli(['reset'])).code).toBe(0);
    watcher.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
