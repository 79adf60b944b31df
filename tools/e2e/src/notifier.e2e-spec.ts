import { INestMicroservice } from '@nestjs/common';
import {
  RiskDecisionEvent, RiskWarningEvent, SignalGeneratedEvent, Subjects, TradeEvent, encode, envelope, heartbeatSubject,
} from '@polytrader/contracts';
import { AlertStore, MarketStore, createDataSource } from '@polytrader/persistence';
import { countOf } from '@polytrader/persistence/testing';
import { ServiceRuntime, closeService, createServiceApp } from '@polytrader/platform';
import { NatsServerHandle, createTestRuntime, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { SentMessage, Simulator, startSimulator } from '@polytrader/simulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NatsConnection, connect } from 'nats';
import pino from 'pino';
import { NotifierModule } from '../../../apps/notifier/src/notifier.module';
import { NotifierService } from '../../../apps/notifier/src/notifier.service';

jest.setTimeout(90_000);

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const CHAT = 1001;
const ADMIN = 2002;
const STRANGER = 3003;
const TITLE = 'Will "A&B" <Corp> hit $1 < 2? *x* _y_ [z](w)';
const TITLE_HTML = 'Will &quot;A&amp;B&quot; &lt;Corp&gt; hit $1 &lt; 2? *x* _y_ [z](w)';

interface Started {
  runtime: ServiceRuntime;
  app: INestMicroservice;
  service: NotifierService;
  logs: { level: number; msg: string; metrics?: Record<string, unknown> }[];
}

describe('notifier against the simulator\'s Bot API (real NATS, real SQLite)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let sim: Simulator;
  let dir: string;
  let dbFile: string;
  const running: Started[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'notifier-e2e-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    dbFile = join(dir, `${Date.now()}-${Math.random()}.sqlite`);
  });

  afterEach(async () => {
    for (const s of running.splice(0)) await stop(s);
    await nc?.close();
    await sim?.close();
    await nats?.stop();
  });

  async function simulator(options: Parameters<typeof startSimulator>[0] = {}): Promise<void> {
    sim = await startSimulator({ port: 0, markets: 3, telegramPerChatPerSecond: 100, telegramBurst: 100, ...options });
  }

  async function start(alerts: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = { TELEGRAM_BOT_TOKEN: TOKEN }): Promise<Started> {
    const logs: Started['logs'] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const runtime = await createTestRuntime({
      name: 'notifier', natsUrl: nats.url, env, logger,
      config: {
        alerts: { telegram_api_root: sim.urls.telegram, chat_ids: [CHAT], admin_chat_ids: [ADMIN], admin_user_ids: [ADMIN], per_chat_per_second: 30, min_signal_strength: 'MODERATE', ...alerts },
        storage: { url: dbFile },
      },
    });
    const app = (await createServiceApp({ name: 'notifier', module: NotifierModule }, runtime)) as INestMicroservice;
    await runtime.nc.flush(); // the server has its core subscriptions (heartbeats) before the test publishes
    const started = { runtime, app, service: app.get(NotifierService), logs };
    running.push(started);
    return started;
  }

  async function stop(s: Started): Promise<void> {
    const i = running.indexOf(s);
    if (i >= 0) running.splice(i, 1);
    await closeService(s.app, s.runtime);
  }

  async function publish(subject: string, event: object, msgId?: string): Promise<void> {
    await nc.jetstream().publish(subject, encode(event), msgId ? { msgID: msgId } : undefined);
  }

  async function seedMarket(id: string, question: string): Promise<void> {
    const ds = await createDataSource({ url: dbFile });
    try {
      await new MarketStore(ds).saveCycle({
        cycleId: 'c0', ts: new Date().toISOString(), snapshots: [], books: [], prices: [],
        markets: [{ id, conditionId: `0x${id}`, slug: id, question, category: null, tags: [], endDate: null, active: true, closed: false, outcomes: ['Yes', 'No'], tokenIds: [`${id}-yes`, `${id}-no`] }],
      });
    } finally {
      await ds.destroy();
    }
  }

  const texts = (chat = CHAT) => sim.telegram.messages().filter((m) => m.chat_id === chat).map((m) => m.text);
  const received = async (n: number, chat = CHAT): Promise<SentMessage[]> =>
    waitFor(() => {
      const got = sim.telegram.messages().filter((m) => m.chat_id === chat);
      return got.length >= n ? got : null;
    }, { what: `${n} messages in chat ${chat}`, timeoutMs: 30_000 });

  const signal = (over: Partial<SignalGeneratedEvent> = {}): SignalGeneratedEvent => ({
    ...envelope('signals'), marketId: 'm1', outcome: 'Yes', tokenId: 'm1-yes', side: 'BUY', price: 0.45, strength: 'STRONG', confidence: 0.724,
    size: 120.5, reasons: ['RVR 3.1 > 2', 'hype leads price (p=0.01)'], stake: 54.225, ...over,
  });
  const signalText = (marketId: string) => [
    '📈 <b>SIGNAL STRONG BUY</b>', `<b>${marketId}</b>`, 'Outcome: Yes · Price: 0.450 · Confidence: 72%', 'Size: 120.50 shares (54.23 USDC)',
    'Why: RVR 3.1 &gt; 2; hype leads price (p=0.01)',
  ].join('\n');
  const trade = (over: Partial<TradeEvent> = {}): TradeEvent => ({
    ...envelope('risk'), tradeId: 't1', marketId: 'm1', tokenId: 'm1-yes', side: 'BUY', size: 120.5, price: 0.45, fees: 0.12, mode: 'paper', ...over,
  });

  it('should deliver the exact message of every alert kind, market titles intact', async () => {
    await simulator();
    await seedMarket('m1', TITLE);
    const { service } = await start();
    await publish(Subjects.SignalGenerated, signal());
    await publish(Subjects.SignalGenerated, signal({ strength: 'WEAK' })); // below min_signal_strength: no alert
    const warning: RiskWarningEvent = { ...envelope('risk'), limit: 'daily_loss_limit', value: -4.1, threshold: -4, message: 'daily loss at 82% of the limit: only reducing orders' };
    await publish(Subjects.RiskWarning, warning);
    await publish(Subjects.TradeOpened, trade());
    await publish(Subjects.TradeClosed, trade({ side: 'SELL', price: 0.52, realizedPnl: 8.435, fees: 0.1 }));
    const reject = (id: string, reasons: string[]): RiskDecisionEvent => ({
      ...envelope('risk'), id, signalId: `s-${id}`, marketId: 'm1', tradingState: 'ACTIVE', reasons, size: 0, ts: '2025-01-01T10:05:00.000Z',
    });
    await publish(Subjects.RiskRejected, reject('r1', ['liquidity 800 < 1000']));
    await publish(Subjects.RiskRejected, { ...reject('r2', ['liquidity 800 < 1000', 'max open positions 10']), ts: '2025-01-01T10:35:00.000Z' });
    await received(4);
    await waitFor(async () => (await count('SELECT COUNT(*) AS n FROM alert_rejections')) === 2, { what: 'rejections stored' });
    await service.summarizeRejections();
    await received(5);
    await publish(Subjects.SystemKill, { reason: 'daily loss -5.2% <= -5%', source: 'risk' });
    await received(6);
    await publish(Subjects.SystemReset, { reason: 'checked & fine', source: 'cli' });
    await received(7);

    // alerts of different subjects come through different consumers: compare by kind, not by arrival order
    const one = (prefix: string) => {
      const found = texts().filter((t) => t.startsWith(prefix));
      expect(found).toHaveLength(1);
      return found[0];
    };
    const [sig, warn, opened, closed, rejections, emergency, reset] = ['📈', '⚠️', '🟢', '🔴', '🚫', '🚨', '✅'].map(one);
    expect(sig).toBe([
      '📈 <b>SIGNAL STRONG BUY</b>', `<b>${TITLE_HTML}</b>`, 'Outcome: Yes · Price: 0.450 · Confidence: 72%', 'Size: 120.50 shares (54.23 USDC)',
      'Why: RVR 3.1 &gt; 2; hype leads price (p=0.01)',
    ].join('\n'));
    expect(warn).toBe('⚠️ <b>RISK WARNING</b> daily_loss_limit\nNow -4.10 vs warning threshold -4.00\ndaily loss at 82% of the limit: only reducing orders');
    expect(opened).toBe(`🟢 <b>TRADE OPENED</b> (paper)\n<b>${TITLE_HTML}</b>\nBUY 120.50 @ 0.450 · fees 0.12 USDC`);
    expect(closed).toBe(`🔴 <b>TRADE CLOSED</b> (paper)\n<b>${TITLE_HTML}</b>\nSELL 120.50 @ 0.520 · PnL +8.44 USDC · fees 0.10 USDC`);
    expect(rejections).toBe(`🚫 <b>2 signals rejected</b> (10:05–10:35 UTC)\n• liquidity 800 &lt; 1000 ×2\n• max open positions 10 ×1\nMarkets: ${TITLE_HTML}`);
    expect(emergency).toMatch(/^🚨 <b>EMERGENCY: TRADING HALTED<\/b>\nReason: daily loss -5\.2% &lt;= -5%\nSource: risk\nTime: \d{4}-\d\d-\d\dT[\d:.]+Z\nResume with \/reset \(admins\), <code>polytrader reset<\/code> or POST \/api\/reset\.$/);
    expect(reset).toMatch(/^✅ <b>RESET: trading resumed<\/b>\nReason: checked &amp; fine\nSource: cli\nTime: .+Z$/);

    await publish(Subjects.SignalRebalance, {
      ...envelope('signals'), suggestions: [{ marketId: 'm1', tokenId: 'm1-yes', action: 'reduce', currentSize: 120, targetSize: 60, reason: 'edge < cost' }],
    });
    await service.sendDailySummary(new Date('2025-01-01T20:00:00Z'));
    await received(8);
    const daily = one('📊');
    expect(daily).toMatch(/^📊 <b>Daily summary<\/b> 2025-01-01 \(UTC\)\nPnL: realized 0\.00, unrealized 0\.00, fees 0\.00 USDC\nEquity: 1000\.00 USDC \(0\.00% today\)\nTrades: 0 opened, 0 closed\nBest: none · Worst: none\nSignals: 0\n/);
    expect(daily).toContain(`\nRebalancing:\n• reduce ${TITLE_HTML}: 120.00 → 60.00 shares (edge &lt; cost)\nHealth: `);
    expect(daily).toMatch(/\nHealth: \d\/7 up; [a-z]+ down(, [a-z]+ down)*$/);
    // a second run for the same day queues nothing (keyed by the day)
    await service.sendDailySummary(new Date('2025-01-01T20:00:01Z'));

    const sent = sim.telegram.messages().filter((m) => m.chat_id === CHAT);
    expect(sent.every((m) => m.parse_mode === 'HTML')).toBe(true);
    expect(sent.find((m) => m.text.startsWith('🚫'))?.disable_notification).toBe(true); // rejections are silent by default
    expect(sent[0].disable_notification).toBeUndefined();
    expect(await count("SELECT COUNT(*) AS n FROM alerts WHERE status = 'sent'")).toBe(8);
    expect(texts()).toHaveLength(8);
  });

  it('should report a service stale, down and recovered, and a breaker that opens', async () => {
    await simulator();
    await start();
    const beat = (state: string, breakers?: Record<string, string>) => nc.publish(heartbeatSubject('risk'), encode({
      ...envelope('risk'), service: 'risk', state, version: '0.1.0', uptimeS: 1, intervalMs: 100, pid: 1, rssBytes: 1, kill: null, lastCycle: null,
      ...(breakers ? { breakers } : {}),
    }));
    beat('running');
    await waitFor(() => texts().length === 1, { what: 'stale alert' });
    expect(texts()[0]).toMatch(/^🩺 <b>HEALTH<\/b> risk is STALE: no heartbeat for \d+\.\d s$/);
    const beating = setInterval(() => beat('running', { polymarket: 'open' }), 50);
    try {
      await received(3);
    } finally {
      clearInterval(beating);
    }
    beat('stopping');
    await received(4);
    expect(texts().slice(1, 3).sort()).toEqual([
      '✅ <b>HEALTH</b> risk RECOVERED (was stale)', '🔌 <b>BREAKER OPEN</b> risk: polymarket calls are failing, paused',
    ]);
    expect(texts()[3]).toBe('🩺 <b>HEALTH</b> risk is DOWN (stopped)');
    await new Promise((r) => setTimeout(r, 600)); // down stays down: no stale alert follows
    expect(texts()).toHaveLength(4);
  });

  it('should answer admin commands and refuse a stranger, logging the refusal', async () => {
    await simulator();
    const { logs } = await start();
    const kills: string[] = [];
    const commands: string[] = [];
    nc.subscribe(Subjects.SystemKill, { callback: (_e, m) => kills.push(Buffer.from(m.data).toString()) });
    nc.subscribe(Subjects.RiskCommand, { callback: (_e, m) => commands.push(Buffer.from(m.data).toString()) });

    sim.telegram.inject({ chat_id: STRANGER, text: '/kill now' });
    await received(1, STRANGER);
    expect(texts(STRANGER)).toEqual([`⛔ Not allowed: chat ${STRANGER} is not in alerts.admin_chat_ids.`]);
    expect(logs.some((l) => l.level === 40 && l.msg === `refused a message from chat ${STRANGER}: not in alerts.admin_chat_ids`)).toBe(true);
    expect(kills).toEqual([]);

    for (const text of ['/help', '/status', '/positions', '/pnl', '/signals', '/reduce too volatile']) sim.telegram.inject({ chat_id: ADMIN, text });
    await received(6, ADMIN);
    const [help, status, positions, pnl, signals, reduce] = texts(ADMIN);
    expect(help).toMatch(/^<b>polytrader commands<\/b>\n\/status — services and trading state\n/);
    expect(status).toMatch(/^🟢 <b>running<\/b>\nHealth: \d\/7 up; /);
    expect(positions).toBe('No open positions.');
    expect(pnl).toBe('<b>PnL today</b>\nRealized 0.00 · unrealized 0.00 · fees 0.00 USDC\nEquity 1000.00 USDC (start of day 1000.00)\nTrades: 0 opened, 0 closed');
    expect(signals).toBe('No signals yet.');
    expect(reduce).toBe('↘️ Sent <b>reduce</b> to risk: only position-reducing orders from now on.');
    await waitFor(() => commands.length === 1, { what: 'risk.command' });
    expect(JSON.parse(commands[0])).toMatchObject({ command: 'reduce', reason: 'too volatile', source: 'telegram' });

    sim.telegram.inject({ chat_id: ADMIN, text: '/kill too risky' });
    await received(7, ADMIN);
    expect(texts(ADMIN)[6]).toBe('🛑 Sent <b>system.kill</b>: too risky');
    expect(kills.map((k) => JSON.parse(k))).toEqual([{ reason: 'too risky', source: 'telegram', ts: expect.any(String) }]);
    await waitFor(() => texts().some((t) => t.includes('EMERGENCY') && t.includes('Source: telegram')), { what: 'EMERGENCY alert of the Telegram kill' });
    // Telegram dates are whole seconds: a /reset in the kill's second would count as older than the kill and be ignored
    await new Promise((r) => setTimeout(r, 1100));
    sim.telegram.inject({ chat_id: ADMIN, text: '/reset' });
    // the command's reply and the RESET alert are separate deliveries: either may arrive first
    await waitFor(() => texts().some((t) => t.startsWith('✅ <b>RESET')), { what: 'reset alert' });
    await received(8, ADMIN);
    expect(texts(ADMIN)[7]).toBe('▶️ Sent <b>system.reset</b>.');
  });

  it('should wait out a 429 for its retry_after and deliver every alert once', async () => {
    await simulator({ telegramPerChatPerSecond: 1, telegramBurst: 3 });
    const { logs } = await start();
    for (let i = 0; i < 5; i++) await publish(Subjects.SignalGenerated, signal({ marketId: `burst-${i}` }));
    await received(5);
    const sends = sim.requests().filter((r) => r.route === 'telegram.sendMessage');
    const limited = sends.flatMap((r, i) => (r.status === 429 ? [i] : []));
    expect(limited.length).toBeGreaterThanOrEqual(1);
    const waits = logs.filter((l) => l.level === 40 && /^Telegram rate limit for chat/.test(l.msg)).map((l) => Number(l.metrics?.retryAfterS));
    expect(waits).toHaveLength(limited.length);
    // after each 429 the next attempt for the chat came no earlier than its retry_after (simulator clock)
    limited.forEach((i, k) => {
      expect(waits[k]).toBeGreaterThanOrEqual(1);
      expect(sends[i + 1].ts - sends[i].ts).toBeGreaterThanOrEqual(waits[k] * 1000);
    });
    expect(new Set(texts()).size).toBe(5);
    expect(texts()).toHaveLength(5);
  });

  it('should deliver every alert exactly once across a restart mid-burst, and queue what arrives while down', async () => {
    await simulator({ telegramPerChatPerSecond: 10, telegramBurst: 1 });
    const first = await start({ per_chat_per_second: 5 });
    for (let i = 0; i < 20; i++) await publish(Subjects.SignalGenerated, signal({ marketId: `r-${i}` }));
    await received(4);
    await stop(first);
    const deliveredBeforeRestart = texts().length;
    expect(deliveredBeforeRestart).toBeLessThan(20);
    for (let i = 20; i < 25; i++) await publish(Subjects.SignalGenerated, signal({ marketId: `r-${i}` }));
    // the same event delivered twice by the bus (different JetStream msg ids): one alert
    const twice = signal({ marketId: 'r-dup' });
    await publish(Subjects.SignalGenerated, twice, 'dup-1');
    await publish(Subjects.SignalGenerated, twice, 'dup-2');
    await start({ per_chat_per_second: 5 });
    await received(26);
    await new Promise((r) => setTimeout(r, 500)); // nothing more may arrive
    const got = texts();
    expect(got).toHaveLength(26);
    expect(new Set(got).size).toBe(26);
    for (let i = 0; i < 25; i++) expect(got.filter((t) => t.includes(`<b>r-${i}</b>`))).toHaveLength(1);
    expect(await count("SELECT COUNT(*) AS n FROM alerts WHERE status = 'sent'")).toBe(26);
    expect(await count('SELECT COUNT(*) AS n FROM alert_outbox')).toBe(0);
  });

  it('should start and queue through a Telegram outage (5xx, timeouts), then catch up with every alert once', async () => {
    await simulator();
    sim.addFault({ route: 'telegram.sendMessage', kind: 'timeout', count: 1 });
    sim.addFault({ route: 'telegram', kind: '500' });
    await start({ max_backoff_s: 1, request_timeout_ms: 300 });
    for (let i = 0; i < 3; i++) await publish(Subjects.SignalGenerated, signal({ marketId: `outage-${i}` }));
    const failedSends = () => sim.requests().filter((r) => r.route === 'telegram.sendMessage' && r.status !== 200).length;
    await waitFor(() => failedSends() >= 4, { what: 'failed attempts during the outage' });
    expect(texts()).toEqual([]);
    sim.clearFaults();
    await received(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(texts().sort()).toEqual([0, 1, 2].map((i) => signalText(`outage-${i}`)).sort());
    expect(await count("SELECT COUNT(*) AS n FROM alerts WHERE status = 'sent' AND attempts > 1")).toBeGreaterThanOrEqual(1);
  });

  it('should record an alert Telegram refuses for good as failed and publish alert.failed', async () => {
    await simulator({ unknownChats: [404] });
    const failed: string[] = [];
    nc.subscribe(Subjects.AlertFailed, { callback: (_e, m) => failed.push(Buffer.from(m.data).toString()) });
    await start({ chat_ids: [404, CHAT] });
    await publish(Subjects.TradeOpened, trade());
    await received(1);
    await waitFor(() => failed.length === 1, { what: 'alert.failed' });
    expect(JSON.parse(failed[0])).toMatchObject({ kind: 'trade_opened', chatId: '404', attempts: 1, error: '400: Bad Request: chat not found' });
    expect(await count("SELECT COUNT(*) AS n FROM alerts WHERE status = 'failed' AND chat_id = '404'")).toBe(1);
  });

  it('should log alerts with one warning and no crash without TELEGRAM_BOT_TOKEN', async () => {
    await simulator();
    const { logs, runtime } = await start({}, {});
    await publish(Subjects.SignalGenerated, signal());
    await publish(Subjects.SystemKill, { reason: 'test', source: 'cli' });
    await waitFor(() => logs.some((l) => /^alert \(not sent to Telegram\): 🚨 EMERGENCY/.test(l.msg)), { what: 'EMERGENCY in the log' });
    await waitFor(() => logs.some((l) => l.msg.startsWith('alert (not sent to Telegram): 📈 SIGNAL STRONG BUY\nm1\nOutcome: Yes')), { what: 'signal in the log' });
    expect(logs.filter((l) => l.level === 40 && /TELEGRAM_BOT_TOKEN/.test(l.msg))).toHaveLength(1);
    expect(sim.requests().filter((r) => r.route.startsWith('telegram.'))).toEqual([]);
    expect(runtime.nc.isClosed()).toBe(false);
  });

  const count = (sql: string) => countOf(dbFile, sql);

  it('should keep its outbox store consistent: nothing left pending after delivery', async () => {
    await simulator();
    await start();
    await publish(Subjects.TradeOpened, trade());
    await received(1);
    const ds = await createDataSource({ url: dbFile });
    try {
      await waitFor(async () => (await new AlertStore(ds).recent()).length === 1, { what: 'delivery recorded' });
      expect(await new AlertStore(ds).recent()).toEqual([expect.objectContaining({ kind: 'trade_opened', chatId: String(CHAT), status: 'sent', attempts: 1, error: null })]);
    } finally {
      await ds.destroy();
    }
  });
});
