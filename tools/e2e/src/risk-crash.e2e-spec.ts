import { Subjects } from '@polytrader/contracts';
import { PortfolioStore, RiskJournalStore, createDataSource } from '@polytrader/persistence';
import { serviceNodeFlags, workspaceRoot } from '@polytrader/platform';
import { NatsServerHandle, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, NatsConnection } from 'nats';
import { seedMarkets, signalStream } from './risk-fixtures';

jest.setTimeout(180_000);

const SIGNALS = 300;
const MARKETS = 12;
const ENTRY = join(workspaceRoot(), 'dist', 'apps', 'risk', 'main.js');
/** Depth for partial fills now and then: 20 shares at each of the two best prices, then a wall beyond the slippage limit. */
const BOOK = { bids: [[0.49, 20], [0.48, 20], [0.3, 5000]] as [number, number][], asks: [[0.5, 20], [0.51, 20], [0.7, 5000]] as [number, number][] };

interface RunResult {
  journal: unknown[];
  positions: unknown[];
  trades: unknown[];
  decidedAtCrash: number | null;
  /** Bytes of the step log at the SIGKILL: steps committed but not yet in the tables, replayed at restart. */
  loggedAtCrash: number;
}

/**
 * The risk service as a real process (dist/apps/risk/main.js): the same signal stream, once without
 * interruption and once with a SIGKILL mid-stream and a restart; the journal, positions and trades must
 * be identical (nothing lost, nothing doubled).
 */
describe('risk crash recovery (SIGKILL mid-stream, real process)', () => {
  beforeAll(() => {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: build first (npx nx run-many -t build)`);
  });

  async function run(crash: boolean): Promise<RunResult> {
    const nats: NatsServerHandle = await startNatsServer();
    const dir = mkdtempSync(join(tmpdir(), 'risk-crash-'));
    const dbFile = join(dir, 'risk.sqlite');
    const configFile = join(dir, 'config.yaml');
    writeFileSync(configFile, [
      'bus:', '  heartbeat_interval_ms: 250', '  ack_wait_s: 1',
      'logging:', `  dir: ${join(dir, 'logs')}`, '  file: false', '  level: warn',
      'storage:', `  url: ${dbFile}`,
      'portfolio:', '  initial_equity: 1000', '  max_position_pct: 4', '  max_total_exposure_pct: 25',
      'risk:', '  max_open_positions: 8', '  daily_loss_limit: -50', '  max_drawdown: -60',
      'execution:', '  fee_bps: 20', '  max_slippage_pct: 3',
    ].join('\n'));
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, POLYTRADER_CONFIG: configFile, NATS_URL: nats.url };
    let proc: ChildProcess | null = null;
    const startRisk = () => {
      proc = spawn(process.execPath, [...serviceNodeFlags('risk'), ENTRY], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
      proc.stderr?.on('data', (d: Buffer) => process.stderr.write(`[risk] ${d}`));
    };
    const stopRisk = (signal: NodeJS.Signals) => new Promise<void>((resolve) => {
      const p = proc!;
      proc = null;
      if (p.exitCode !== null || p.signalCode !== null) return resolve();
      p.once('exit', () => resolve());
      p.kill(signal);
    });
    const decided = async () => {
      const ds = await createDataSource({ url: dbFile }, { migrationsRun: false });
      try {
        return Number((await ds.query('SELECT COUNT(*) AS n FROM risk_decisions'))[0].n);
      } finally {
        await ds.destroy();
      }
    };
    const logged = () => (existsSync(`${dbFile}-risk-steps`) ? statSync(`${dbFile}-risk-steps`).size : 0);
    let loggedAtCrash = 0;
    let nc: NatsConnection | null = null;
    try {
      await seedMarkets(dbFile, MARKETS, BOOK);
      startRisk();
      nc = await connect({ servers: nats.url });
      const jsm = await nc.jetstreamManager();
      await waitFor(() => jsm.consumers.info('SIGNAL', 'risk__signal_generated').then(() => true), { what: 'risk consumer on signal.generated', timeoutMs: 30_000 });
      let seen = 0;
      nc.subscribe('risk.>', { callback: (_e, m) => { if (m.subject === Subjects.RiskApproved || m.subject === Subjects.RiskRejected) seen++; } });
      const js = nc.jetstream();
      const signals = signalStream(SIGNALS, MARKETS);
      let decidedAtCrash: number | null = null;
      const publish = (s: (typeof signals)[number]) => js.publish(Subjects.SignalGenerated, Buffer.from(JSON.stringify(s)), { msgID: s.id });
      // first half in one burst (one connection: the stream keeps the order) so risk has a queue to work through
      await Promise.all(signals.slice(0, SIGNALS / 2).map(publish));
      if (crash) {
        await waitFor(() => seen >= SIGNALS / 4, { what: 'a quarter of the decisions', timeoutMs: 60_000, intervalMs: 1 });
        // preferably while the step log holds steps not yet in the tables, so the restart replays them
        await waitFor(() => logged() > 0, { what: 'logged steps', timeoutMs: 2000, intervalMs: 0 }).catch(() => undefined);
        await stopRisk('SIGKILL'); // mid-queue, without warning
        loggedAtCrash = logged();
        decidedAtCrash = await decided();
        startRisk();
      }
      for (const s of signals.slice(SIGNALS / 2)) await publish(s);
      await waitFor(async () => (await decided()) === SIGNALS, { what: `${SIGNALS} decisions stored`, timeoutMs: 120_000 });
      await stopRisk('SIGTERM');
      const ds = await createDataSource({ url: dbFile });
      try {
        const journal = (await new RiskJournalStore(ds).entries()).map(({ ts: _ts, detail, ...e }) => ({ ...e, detail: withoutTimes(detail) }));
        const positions = sortBy((await new PortfolioStore(ds, 1000).positionStates()).map(withoutTimes)); // opened_at ties differ by batch
        const trades = (await new RiskJournalStore(ds).allTrades()).map(withoutTimes);
        return { journal: sortBy(journal), positions, trades: sortBy(trades), decidedAtCrash, loggedAtCrash };
      } finally {
        await ds.destroy();
      }
    } finally {
      if (proc) await stopRisk('SIGKILL');
      await nc?.close();
      await nats.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('should end with the same journal, positions and trades as an uninterrupted run', async () => {
    const clean = await run(false);
    const crashed = await run(true);
    expect(crashed.decidedAtCrash).toBeGreaterThan(0);
    expect(crashed.decidedAtCrash).toBeLessThan(SIGNALS / 2); // killed with signals still queued
    process.stderr.write(`risk crash test: ${crashed.decidedAtCrash} decisions in the tables and ${crashed.loggedAtCrash} bytes of logged steps at the SIGKILL\n`);
    // the stream exercised every path: approvals, rejections, opens, partial fills and closes
    const kinds = new Set(clean.journal.map((e) => JSON.stringify([(e as { kind: string }).kind, ((e as { detail: { decision?: string; intent?: string; status?: string } }).detail.decision ?? `${(e as { detail: { intent: string } }).detail.intent}/${(e as { detail: { status: string } }).detail.status}`)])));
    expect([...kinds].sort()).toEqual(expect.arrayContaining([
      '["decision","approved"]', '["decision","rejected"]', '["order","open/filled"]', '["order","close/filled"]', '["order","open/partial"]',
    ]));
    expect(crashed.journal).toEqual(clean.journal);
    expect(crashed.positions).toEqual(clean.positions);
    expect(crashed.trades).toEqual(clean.trades);
  });
});

/** Times differ between two runs; everything else must not. */
function withoutTimes(record: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (/(^ts$|At$)/.test(k)) continue;
    out[k] = k === 'signal' && v && typeof v === 'object' ? { ...(v as object), ts: undefined } : v;
  }
  return out;
}

function sortBy<T>(items: T[]): T[] {
  return [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
