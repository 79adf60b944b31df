import { SignalGeneratedEvent, Subjects, encode } from '@polytrader/contracts';
import { CycleBatch, MarketStore, createDataSource } from '@polytrader/persistence';
import { JetStreamPublisher, serviceNodeFlags, workspaceRoot } from '@polytrader/platform';
import { startNatsServer, waitFor } from '@polytrader/platform/testing';
import { Summary, summarize } from '@polytrader/quant';
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AckPolicy, DeliverPolicy, NatsConnection, connect } from 'nats';
import { pollGateway, spawnGateway } from './gateway-process';
import { cpuMsOf } from './measure';

export interface RiskDecisionBench {
  readonly signals: number;
  readonly ratePerSecond: number;
  /** signal.generated published → risk.approved/rejected received (ms) */
  readonly latency: Summary;
  /**
   * The same rate through a bare process doing risk's bus work only: durable pull consumer, two stored
   * events per message, ack once stored — what the bus alone costs on this machine (ms).
   */
  readonly busFloor: Summary;
  /** bare JetStream publish → ordered durable consumer (max_ack_pending 1) → core reply received (ms), same rate */
  readonly bareRoundTrip: Summary;
  /** CPU time of the risk process per measured signal (ms; all its threads) — how fast this machine is today shows here too. */
  readonly riskCpuMsPerSignal: number;
  /** The same for the bus-floor process. */
  readonly floorCpuMsPerSignal: number;
  readonly approved: number;
  readonly rejected: number;
  /** the same measurement while POLLERS dashboards poll a gateway reading risk's database, and again after they stop */
  readonly pollers: { readonly clients: number; readonly requests: number; readonly latency: Summary; readonly after: Summary; readonly riskCpuMsPerSignal: number; readonly afterRiskCpuMsPerSignal: number };
}

/** Dashboards polling the gateway while risk decides: the read-only connection must not slow risk's commits. */
const POLLERS = 20;
const POLL_PATHS = ['/api/journal?limit=50', '/api/positions', '/api/trades?limit=50', '/api/pnl', '/api/markets?limit=50'];
/** each dashboard fetches its pages once a second (the page itself reloads them only on stream events) */
const POLL_INTERVAL_MS = 1000;

const MARKETS = 50;
/** Signals sent (and all decided) before measuring: JIT, SQLite cache and batch sizes settle. */
const WARMUP = 1000;

/**
 * The risk service as a real process (dist/apps/risk/main.js, production node flags; a private NATS, SQLite
 * with 50 seeded markets and books), fed `signals` signal.generated at `rate` per second on a fixed
 * schedule (not one at a time), so a service slower than the rate shows up as queueing in the tail. Then
 * the bus floor and the bare round trip at the same rate, for comparison.
 */
export async function riskDecisionBench(signals = 3000, rate = 1000): Promise<RiskDecisionBench> {
  const nats = await startNatsServer();
  const dir = mkdtempSync(join(tmpdir(), 'bench-risk-'));
  const dbFile = join(dir, 'bench.sqlite');
  await seed(dbFile);
  const configFile = join(dir, 'config.yaml');
  writeFileSync(configFile, [
    'logging:', '  file: false', '  level: warn', 'storage:', `  url: ${dbFile}`,
    'portfolio:', '  initial_equity: 1000000', '  max_position_pct: 100', '  max_total_exposure_pct: 100',
    'risk:', '  max_open_positions: 1000', '  daily_loss_limit: -50', '  max_drawdown: -60',
  ].join('\n'));
  const risk = spawn(process.execPath, [...serviceNodeFlags('risk'), join(workspaceRoot(), 'dist', 'apps', 'risk', 'main.js')], {
    cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME, POLYTRADER_CONFIG: configFile, NATS_URL: nats.url }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const nc = await connect({ servers: nats.url });
  try {
    const jsm = await nc.jetstreamManager();
    await waitFor(() => jsm.consumers.info('SIGNAL', 'risk__signal_generated').then(() => true), { what: 'risk consumer', timeoutMs: 30_000 });
    const decided = new Map<string, number>();
    let approved = 0;
    let rejected = 0;
    nc.subscribe('risk.*', {
      callback: (_e, m) => {
        if (m.subject !== Subjects.RiskApproved && m.subject !== Subjects.RiskRejected) return;
        const body = JSON.parse(Buffer.from(m.data).toString()) as { signalId: string };
        decided.set(body.signalId, performance.now());
        if (m.subject === Subjects.RiskApproved) approved++;
        else rejected++;
      },
    });
    const signal = (i: number) => ({ subject: Subjects.SignalGenerated, data: encode(signalAt(i)), key: `b${i}` });
    const risked = await roundTrips(nc, signal, decided, signals, rate, risk.pid);
    const pollers = await underPollers(nats.url, dbFile, dir, (offset) => roundTrips(nc, signal, decided, signals, rate, risk.pid, offset), WARMUP + signals, signals);
    const busFloor = await busFloorBench(nc, nats.url, signals, rate);
    const bareRoundTrip = await bareBaseline(nc, signals, rate);
    return {
      signals, ratePerSecond: rate, latency: risked.latency, busFloor: busFloor.latency, bareRoundTrip, approved, rejected,
      riskCpuMsPerSignal: risked.cpuMs / signals, floorCpuMsPerSignal: busFloor.cpuMs / signals, pollers,
    };
  } finally {
    await nc.close();
    await new Promise((resolve) => {
      risk.once('exit', resolve);
      risk.kill('SIGTERM');
    });
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

type Outgoing = (i: number) => { subject: string; data: Uint8Array; key: string };

/**
 * WARMUP messages (all answered), then `n` measured: each key's send → `received` time (ms), and the CPU
 * time process `pid` (the answering one) spent on the measured messages (NaN without a pid).
 */
async function roundTrips(
  nc: NatsConnection, make: Outgoing, received: Map<string, number>, n: number, rate: number, pid?: number, offset = 0,
): Promise<{ latency: Summary; cpuMs: number }> {
  await paced(nc, offset, offset + WARMUP, rate, make);
  await waitFor(() => received.size >= offset + WARMUP, { what: 'the warm-up answers', timeoutMs: 120_000, intervalMs: 2 });
  const cpuFrom = pid === undefined ? NaN : cpuMsOf(pid);
  const sent = await paced(nc, offset + WARMUP, offset + WARMUP + n, rate, make);
  await waitFor(() => received.size >= offset + WARMUP + n, { what: 'the answers', timeoutMs: 120_000, intervalMs: 2 });
  const cpuMs = pid === undefined ? NaN : cpuMsOf(pid) - cpuFrom;
  return { latency: summarize([...sent].map(([k, t0]) => received.get(k)! - t0)), cpuMs };
}

/**
 * Risk measured again (keys from `offset` on) while POLLERS clients poll a gateway process reading risk's
 * SQLite file, then once more after they stopped (the gateway still up), so a slow spell shows in both.
 */
async function underPollers(
  natsUrl: string, dbFile: string, dir: string, measure: (offset: number) => Promise<{ latency: Summary; cpuMs: number }>, round: number, signals: number,
): Promise<RiskDecisionBench['pollers']> {
  const gateway = await spawnGateway(natsUrl, dbFile, dir);
  try {
    const polling = pollGateway(gateway.url, POLLERS, process.env.BENCH_POLL_PATHS?.split(',') ?? POLL_PATHS, POLL_INTERVAL_MS);
    const during = await measure(round);
    const requests = await polling.stop();
    const after = await measure(2 * round);
    return { clients: POLLERS, requests, latency: during.latency, after: after.latency, riskCpuMsPerSignal: during.cpuMs / signals, afterRiskCpuMsPerSignal: after.cpuMs / signals };
  } finally {
    await gateway.stop();
  }
}

function signalAt(i: number): SignalGeneratedEvent {
  const m = `m${i % MARKETS}`;
  // each market alternates buy, buy, sell: opens, increases and closes
  const side = Math.floor(i / MARKETS) % 3 === 2 ? 'SELL' : 'BUY';
  return {
    v: 1, id: `b${i}`, ts: new Date().toISOString(), source: 'bench', marketId: m, outcome: 'Yes', tokenId: `${m}-yes`, side, price: 0.5,
    strength: 'STRONG', confidence: 0.7, size: 10, reasons: ['bench'],
  };
}

/**
 * Publishes messages from..to−1 on a fixed schedule (one every 1/rate s) through JetStream, as the signals
 * service's EventBus does (JetStreamPublisher); returns each key's send time.
 */
async function paced(nc: NatsConnection, from: number, to: number, rate: number, make: Outgoing): Promise<Map<string, number>> {
  const js = publisherOf(nc);
  const sent = new Map<string, number>();
  const pending: Promise<unknown>[] = [];
  const start = performance.now();
  // Timer ticks (no busy wait: the receiving side shares this event loop): each tick sends what is due.
  for (let i = from; i < to;) {
    const now = performance.now();
    for (; i < to && start + ((i - from) * 1000) / rate <= now; i++) {
      const { subject, data, key } = make(i);
      sent.set(key, performance.now());
      pending.push(js.publish(subject, data, key));
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  return sent;
}

const publishers = new WeakMap<NatsConnection, JetStreamPublisher>();
const publisherOf = (nc: NatsConnection) => publishers.get(nc) ?? publishers.set(nc, new JetStreamPublisher(nc)).get(nc)!;

/** The same rate through a bare ordered JetStream consumer that only answers on a core subject. */
async function bareBaseline(nc: NatsConnection, n: number, rate: number): Promise<Summary> {
  const jsm = await nc.jetstreamManager();
  const subject = 'signal.bench-baseline';
  await jsm.consumers.add('SIGNAL', {
    durable_name: 'bench_baseline', filter_subject: subject, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New, max_ack_pending: 1,
  });
  const received = new Map<string, number>();
  const sub = nc.subscribe('bench.reply', { callback: (_e, m) => void received.set(Buffer.from(m.data).toString(), performance.now()) });
  const messages = await (await nc.jetstream().consumers.get('SIGNAL', 'bench_baseline')).consume({ max_messages: 1 });
  void (async () => {
    for await (const m of messages) {
      nc.publish('bench.reply', m.data);
      m.ack();
    }
  })();
  try {
    // keys differ from the signals' ids: JetStream would drop them as duplicates (Nats-Msg-Id window)
    return (await roundTrips(nc, (i) => ({ subject, data: Buffer.from(`x${i}`), key: `x${i}` }), received, n, rate)).latency;
  } finally {
    await messages.close();
    sub.unsubscribe();
  }
}

/** The same rate through bus-floor.consumer.js: risk's bus work in a process of its own, nothing else. */
async function busFloorBench(nc: NatsConnection, natsUrl: string, n: number, rate: number): Promise<{ latency: Summary; cpuMs: number }> {
  const jsm = await nc.jetstreamManager();
  const subject = 'signal.bench-floor';
  await jsm.consumers.add('SIGNAL', {
    durable_name: 'bench_floor', filter_subject: subject, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New, max_ack_pending: 512,
  });
  const child = fork(join(__dirname, 'bus-floor.consumer.js'), [], {
    execArgv: [...serviceNodeFlags('risk')], stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { PATH: process.env.PATH, NATS_URL: natsUrl, FLOOR_STREAM: 'SIGNAL', FLOOR_DURABLE: 'bench_floor', FLOOR_DECISION: 'risk.bench-floor', FLOOR_TRADE: 'trade.bench-floor' },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`bus-floor consumer exited with ${code}`)));
    });
    const received = new Map<string, number>();
    const sub = nc.subscribe('risk.bench-floor', {
      callback: (_e, m) => void received.set((JSON.parse(Buffer.from(m.data).toString()) as { signalId: string }).signalId, performance.now()),
    });
    try {
      return await roundTrips(nc, (i) => ({ subject, data: Buffer.from(`f${i}`), key: `f${i}` }), received, n, rate, child.pid);
    } finally {
      sub.unsubscribe();
    }
  } finally {
    child.kill('SIGTERM');
  }
}

async function seed(dbFile: string): Promise<void> {
  const ds = await createDataSource({ url: dbFile });
  try {
    const ts = new Date().toISOString();
    const ids = Array.from({ length: MARKETS }, (_, i) => `m${i}`);
    const batch: CycleBatch = {
      cycleId: 'bench', ts, prices: [],
      markets: ids.map((id) => ({
        id, conditionId: id, slug: id, question: id, category: 'Politics', tags: [], endDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        active: true, closed: false, outcomes: ['Yes', 'No'], tokenIds: [`${id}-yes`, `${id}-no`],
      })),
      snapshots: ids.map((id) => ({ marketId: id, outcomePrices: [0.5, 0.5], volume24h: 1e6, liquidity: 1e6 })),
      books: ids.map((id) => ({
        marketId: id, tokenId: `${id}-yes`, bestBid: 0.49, bestAsk: 0.5, mid: 0.495, spread: 0.01, bidDepth: 1e5, askDepth: 1e5,
        bids: [[0.49, 1e5]], asks: [[0.5, 1e5]],
      })),
    };
    await new MarketStore(ds).saveCycle(batch);
  } finally {
    await ds.destroy();
  }
}
