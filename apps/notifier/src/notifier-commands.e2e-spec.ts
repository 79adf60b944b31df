import { INestMicroservice } from '@nestjs/common';
import { SignalGeneratedEvent, Subjects, encode, envelope } from '@polytrader/contracts';
import { countOf } from '@polytrader/persistence/testing';
import { ServiceRuntime, closeService, createServiceApp } from '@polytrader/platform';
import { NatsServerHandle, createTestRuntime, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { Simulator, startSimulator } from '@polytrader/simulator';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NatsConnection, connect } from 'nats';
import pino from 'pino';
import { TelegramOffsetStore, createDataSource } from '@polytrader/persistence';
import { NotifierModule } from './notifier.module';

jest.setTimeout(90_000);

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const CHAT = 1001;
/** an admin group: OWNER is in admin_user_ids, MEMBER is not */
const GROUP = -2002;
const OWNER = 70;
const MEMBER = 71;
const STRANGER = 3003;

interface Started {
  runtime: ServiceRuntime;
  app: INestMicroservice;
  logs: { level: number; msg: string }[];
}

/** Issue 16 §4 against the simulator's Bot API, real NATS and SQLite: who may command, stale commands, the stored offset, the token. */
describe('notifier commands and secrets (simulator, real NATS, real SQLite)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let sim: Simulator | null = null;
  let dir: string;
  let dbFile: string;
  /** the simulator's clock runs this far behind: what it injects now carries an old message date */
  let skewMs = 0;
  const running: Started[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'notifier-cmd-e2e-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    skewMs = 0;
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    dbFile = join(dir, `${Date.now()}-${Math.random()}.sqlite`);
  });

  afterEach(async () => {
    for (const s of running.splice(0)) await stop(s);
    await nc?.close();
    await sim?.close();
    sim = null;
    await nats?.stop();
  });

  async function simulator(): Promise<Simulator> {
    sim = await startSimulator({ port: 0, markets: 3, telegramPerChatPerSecond: 100, telegramBurst: 100, now: () => Date.now() + skewMs });
    return sim;
  }

  async function start(alerts: Record<string, unknown> = {}, logger?: pino.Logger): Promise<Started> {
    const logs: Started['logs'] = [];
    const log = logger ?? pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const runtime = await createTestRuntime({
      name: 'notifier', natsUrl: nats.url, env: { TELEGRAM_BOT_TOKEN: TOKEN }, logger: log,
      config: {
        alerts: {
          telegram_api_root: sim?.urls.telegram ?? 'http://127.0.0.1:1/telegram', chat_ids: [CHAT], admin_chat_ids: [GROUP], admin_user_ids: [OWNER],
          per_chat_per_second: 30, ...alerts,
        },
        storage: { url: dbFile },
      },
    });
    const app = (await createServiceApp({ name: 'notifier', module: NotifierModule }, runtime)) as INestMicroservice;
    await runtime.nc.flush();
    const started = { runtime, app, logs };
    running.push(started);
    return started;
  }

  async function stop(s: Started): Promise<void> {
    const i = running.indexOf(s);
    if (i >= 0) running.splice(i, 1);
    await closeService(s.app, s.runtime);
  }

  const texts = (chat: number) => sim!.telegram.messages().filter((m) => m.chat_id === chat).map((m) => m.text);
  const received = (n: number, chat: number) =>
    waitFor(() => (texts(chat).length >= n ? texts(chat) : null), { what: `${n} messages in chat ${chat}`, timeoutMs: 30_000 });
  const listen = (subject: string) => {
    const got: Record<string, unknown>[] = [];
    nc.subscribe(subject, { callback: (_e, m) => got.push(JSON.parse(Buffer.from(m.data).toString())) });
    return got;
  };
  const quiet = (ms = 700) => new Promise((r) => setTimeout(r, ms));

  it('should refuse /kill /reset /reduce to a group member not in admin_user_ids, publish nothing, and refuse a stranger once an hour', async () => {
    await simulator();
    await start();
    const kills = listen(Subjects.SystemKill);
    const commands = listen(Subjects.RiskCommand);
    sim!.telegram.inject({ chat_id: GROUP, from_id: MEMBER, text: '/kill now' });
    await received(1, GROUP);
    expect(texts(GROUP)).toEqual([`⛔ Not allowed: user ${MEMBER} is not in alerts.admin_user_ids.`]);
    for (const text of ['/reset', '/reduce', '/reduce --off']) sim!.telegram.inject({ chat_id: GROUP, from_id: MEMBER, text });
    for (let i = 0; i < 3; i++) sim!.telegram.inject({ chat_id: STRANGER, text: `/kill ${i}` });
    sim!.telegram.inject({ chat_id: GROUP, from_id: MEMBER, text: '/status' }); // reading is open to the admin chat
    await received(2, GROUP);
    await received(1, STRANGER);
    await quiet();
    expect(texts(STRANGER)).toEqual([`⛔ Not allowed: chat ${STRANGER} is not in alerts.admin_chat_ids.`]);
    expect(texts(GROUP)).toHaveLength(2);
    expect(texts(GROUP)[1]).toMatch(/^🟢 <b>running<\/b>/);
    expect([kills, commands]).toEqual([[], []]);

    sim!.telegram.inject({ chat_id: GROUP, from_id: OWNER, text: '/kill owner says so' });
    await received(3, GROUP);
    expect(texts(GROUP)[2]).toBe('🛑 Sent <b>system.kill</b>: owner says so');
    await waitFor(() => kills.length === 1, { what: 'the owner\'s kill' });
    expect(kills[0]).toMatchObject({ reason: 'owner says so', source: 'telegram' });
    expect(await countOf(dbFile, "SELECT COUNT(*) AS n FROM alerts WHERE kind = 'refusal'")).toBe(2);
  });

  it('should fail closed with a start-up warning when admin_user_ids is empty', async () => {
    await simulator();
    const { logs } = await start({ admin_user_ids: [] });
    expect(logs.some((l) => l.level === 40 && /^alerts\.admin_user_ids is empty: \/kill, \/reset and \/reduce are refused to everyone/.test(l.msg))).toBe(true);
    const kills = listen(Subjects.SystemKill);
    sim!.telegram.inject({ chat_id: GROUP, from_id: OWNER, text: '/kill' });
    await received(1, GROUP);
    expect(texts(GROUP)).toEqual(['⛔ Not allowed: admin commands are off: alerts.admin_user_ids is empty.']);
    await quiet(300);
    expect(kills).toEqual([]);
  });

  it('should keep its getUpdates offset in the database: a restart neither replays nor skips a command', async () => {
    await simulator();
    const commands = listen(Subjects.RiskCommand);
    // As after a crash: the first update was handled (its offset stored) but never confirmed to Telegram.
    const handled = sim!.telegram.inject({ chat_id: GROUP, from_id: OWNER, text: '/reduce handled before the crash' });
    sim!.telegram.inject({ chat_id: GROUP, from_id: OWNER, text: '/reduce not yet handled' });
    const ds = await createDataSource({ url: dbFile });
    try {
      await new TelegramOffsetStore(ds).handled(TOKEN.split(':')[0], handled.update_id + 1);
    } finally {
      await ds.destroy();
    }
    const first = await start();
    await received(1, GROUP);
    await waitFor(() => commands.length === 1, { what: 'the unhandled command' });
    await stop(first);
    sim!.telegram.inject({ chat_id: GROUP, from_id: OWNER, text: '/reduce while down' });
    await start();
    await received(2, GROUP);
    await waitFor(() => commands.length === 2, { what: 'the command sent while down' });
    await quiet();
    expect(commands.map((c) => c.reason)).toEqual(['not yet handled', 'while down']);
    expect(texts(GROUP)).toHaveLength(2);
    expect(await countOf(dbFile, 'SELECT next_offset AS n FROM telegram_offsets')).toBe(handled.update_id + 3);
  });

  it('should ignore a /reset or /reduce --off older than command_max_age_s or than the latest kill, saying why; never a /kill', async () => {
    await simulator();
    await start({ command_max_age_s: 5 });
    const kills = listen(Subjects.SystemKill);
    const resets = listen(Subjects.SystemReset);
    const commands = listen(Subjects.RiskCommand);
    skewMs = -10_000; // sent 10 s ago
    sim!.telegram.inject({ chat_id: GROUP, from_id: OWNER, text: '/reset' });
    sim!.telegram.inject({ chat_id: GROUP, from_id: OWNER, text: '/reduce --off' });
    sim!.telegram.inject({ chat_id: GROUP, from_id: OWNER, text: '/kill old but honoured' });
    skewMs = 0;
    await received(3, GROUP);
    const [reset, resume, kill] = texts(GROUP);
    expect(reset).toMatch(/^⏸ Ignored \/reset: it is 1\d s old \(alerts\.command_max_age_s is 5\)\. Nothing was sent; send it again if you still mean it\.$/);
    expect(resume).toMatch(/^⏸ Ignored \/reduce --off: it is 1\d s old/);
    expect(kill).toBe('🛑 Sent <b>system.kill</b>: old but honoured');
    await waitFor(() => kills.length === 1, { what: 'the old kill' });
    expect([resets, commands]).toEqual([[], []]);

    // within max age, but sent before the kill that just happened
    skewMs = -3000;
    sim!.telegram.inject({ chat_id: GROUP, from_id: OWNER, text: '/reset' });
    skewMs = 0;
    await received(4, GROUP);
    expect(texts(GROUP)[3]).toMatch(/^⏸ Ignored \/reset: it was sent before the latest kill \(\d{4}-.+Z\)\./);
    await new Promise((r) => setTimeout(r, 1100)); // Telegram dates are whole seconds: the kill's own second counts as before
    sim!.telegram.inject({ chat_id: GROUP, from_id: OWNER, text: '/reset checked' });
    await received(5, GROUP);
    expect(texts(GROUP)[4]).toBe('▶️ Sent <b>system.reset</b>.');
    await waitFor(() => resets.length === 1, { what: 'the fresh reset' });
    expect(resets[0]).toMatchObject({ reason: 'checked', source: 'telegram' });
  });

  it('should keep the bot token out of the log file, alert_outbox.last_error and alerts.error on a network error', async () => {
    const port = await closedPort();
    const logFile = join(dir, `notifier-${Date.now()}.log`);
    const logger = pino({ level: 'debug' }, pino.destination({ dest: logFile, sync: true }));
    await start({ telegram_api_root: `http://127.0.0.1:${port}/telegram`, max_backoff_s: 1, request_timeout_ms: 500 }, logger);
    const signal: SignalGeneratedEvent = {
      ...envelope('signals'), marketId: 'm1', outcome: 'Yes', tokenId: 'm1-yes', side: 'BUY', price: 0.45, strength: 'STRONG', confidence: 0.7, size: 10, reasons: ['x'],
    };
    await nc.jetstream().publish(Subjects.SignalGenerated, encode(signal));
    await waitFor(async () => (await countOf(dbFile, "SELECT COUNT(*) AS n FROM alert_outbox WHERE last_error LIKE 'network:%'")) === 1, { what: 'a failed attempt recorded', timeoutMs: 20_000 });
    await waitFor(() => /getUpdates failed/.test(readFileSync(logFile, 'utf8')), { what: 'the getUpdates failure logged', timeoutMs: 20_000 });
    for (const s of running.splice(0)) await closeService(s.app, s.runtime);

    const log = readFileSync(logFile, 'utf8');
    const ds = await createDataSource({ url: dbFile });
    try {
      const outbox = (await ds.query('SELECT last_error FROM alert_outbox')) as { last_error: string }[];
      const alerts = (await ds.query('SELECT error FROM alerts')) as { error: string | null }[];
      const everything = [log, ...outbox.map((r) => r.last_error), ...alerts.map((r) => r.error ?? '')].join('\n');
      for (const form of [TOKEN, encodeURIComponent(TOKEN), TOKEN.split(':')[1]]) expect(everything.includes(form)).toBe(false);
      // the URL was there, its secret replaced (telegraf already redacts the part after the bot id; the scrubber covers the rest)
      expect(outbox[0].last_error).toMatch(/^network: .*ECONNREFUSED/);
      expect(log).toMatch(/\/bot(\[token\]|123456789:\[REDACTED\])\/getUpdates failed/);
    } finally {
      await ds.destroy();
    }
  });
});

/** A localhost port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
