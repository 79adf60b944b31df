import { Subjects } from '@polytrader/contracts';
import { PortfolioStore, RiskJournalStore, createDataSource } from '@polytrader/persistence';
import { serviceNodeFlags, workspaceRoot } from '@polytrader/platform';
import { NatsServerHandle, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  /** Signals decided at the SIGKILL: in the tables or in the step log (by signal id, each once). */
  decidedAtCrash: number | null;
  /** Of those, decided in the step log only (committed, not yet in the tables): the restart must replay them. */
  onlyLoggedAtCrash: number;
  /** Bytes of the step log at the SIGKILL. */
  loggedBytesAtCrash: number;
  /** Decisions published (seen on the bus) before the SIGKILL that were neither in the tables nor in the log: must be none. */
  publishedNotDecided: string[];
  /** Decisions in the step log at the SIGKILL that the tables did not hold after the restart as logged (outcome and time): must be none. */
  loggedNotReplayed: string[];
}

/**
 * Decision by signal id, as `approved@<ts>` / `rejected@<ts>`: the time it was decided tells a replayed decision
 * (the logged one, its time kept) from the same signal decided again after the restart (a later time).
 */
type Decisions = Map<string, string>;
interface LoggedStep {
  decision?: { signalId: string; decision: string; ts: string } | null;
}

/**
 * The decisions in a step log as the restart will replay them: every whole line that parses, up to the first
 * that does not (a write torn by the SIGKILL: its commit never returned). Read only — the file is left as
 * the crash left it for the restarted process.
 */
function loggedDecisions(file: string): Decisions {
  const out: Decisions = new Map();
  if (!existsSync(file)) return out;
  const bytes = readFileSync(file);
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    if (end < 0) break;
    let entry: { steps: LoggedStep[] };
    try {
      entry = JSON.parse(bytes.toString('utf8', start, end)) as { steps: LoggedStep[] };
    } catch {
      break;
    }
    for (const step of entry.steps) if (step.decision) out.set(step.decision.signalId, `${step.decision.decision}@${step.decision.ts}`);
    start = end + 1;
  }
  return out;
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
    const stored = async (): Promise<Decisions> => {
      const ds = await createDataSource({ url: dbFile }, { migrationsRun: false });
      try {
        const rows = (await ds.query('SELECT signal_id, decision, ts FROM risk_decisions')) as { signal_id: string; decision: string; ts: string }[];
        return new Map(rows.map((r) => [r.signal_id, `${r.decision}@${r.ts}`]));
      } finally {
        await ds.destroy();
      }
    };
    const stepLog = `${dbFile}-risk-steps`;
    const logged = () => (existsSync(stepLog) ? statSync(stepLog).size : 0);
    let loggedBytesAtCrash = 0;
    let onlyLoggedAtCrash = 0;
    let publishedNotDecided: string[] = [];
    let loggedNotReplayed: string[] = [];
    let inLogAtCrash: Decisions = new Map();
    let nc: NatsConnection | null = null;
    try {
      await seedMarkets(dbFile, MARKETS, BOOK);
      startRisk();
      nc = await connect({ servers: nats.url });
      const jsm = await nc.jetstreamManager();
      await waitFor(() => jsm.consumers.info('SIGNAL', 'risk__signal_generated').then(() => true), { what: 'risk consumer on signal.generated', timeoutMs: 30_000 });
      let seen = 0;
      const published = new Set<string>();
      nc.subscribe('risk.>', {
        callback: (_e, m) => {
          if (m.subject !== Subjects.RiskApproved && m.subject !== Subjects.RiskRejected) return;
          seen++;
          published.add((JSON.parse(Buffer.from(m.data).toString('utf8')) as { signalId: string }).signalId);
        },
      });
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
        const publishedAtCrash = [...published];
        // what the process had decided: a decision is committed once it is in the step log; it reaches the tables later
        loggedBytesAtCrash = logged();
        inLogAtCrash = loggedDecisions(stepLog);
        const inTables = await stored();
        const decidedIds = new Set([...inTables.keys(), ...inLogAtCrash.keys()]);
        decidedAtCrash = decidedIds.size;
        onlyLoggedAtCrash = [...inLogAtCrash.keys()].filter((id) => !inTables.has(id)).length;
        // published after its commit, so a decision seen on the bus must have been in the log or the tables
        publishedNotDecided = publishedAtCrash.filter((id) => !decidedIds.has(id)).sort();
        startRisk();
      }
      for (const s of signals.slice(SIGNALS / 2)) await publish(s);
      await waitFor(async () => (await stored()).size === SIGNALS, { what: `${SIGNALS} decisions stored`, timeoutMs: 120_000 });
      await stopRisk('SIGTERM');
      // the replay: every decision the log held at the SIGKILL is in the tables as it was logged (not decided again)
      const final = await stored();
      loggedNotReplayed = [...inLogAtCrash].filter(([id, d]) => final.get(id) !== d).map(([id]) => id).sort();
      const ds = await createDataSource({ url: dbFile });
      try {
        const journal = (await new RiskJournalStore(ds).entries()).map(({ ts: _ts, detail, ...e }) => ({ ...e, detail: withoutTimes(detail) }));
        const positions = sortBy((await new PortfolioStore(ds, 1000).positionStates()).map(withoutTimes)); // opened_at ties differ by batch
        const trades = (await new RiskJournalStore(ds).allTrades()).map(withoutTimes);
        return {
          journal: sortBy(journal), positions, trades: sortBy(trades), decidedAtCrash, onlyLoggedAtCrash, loggedBytesAtCrash, publishedNotDecided,
          loggedNotReplayed,
        };
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
    expect(crashed.publishedNotDecided).toEqual([]);
    expect(crashed.loggedNotReplayed).toEqual([]);
    process.stderr.write(
      `risk crash test: ${crashed.decidedAtCrash} decisions at the SIGKILL, ${crashed.onlyLoggedAtCrash} of them only in the step log ` +
        `(${crashed.loggedBytesAtCrash} bytes), replayed at the restart\n`,
    );
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
    if (k === 'inputs' && v && typeof v === 'object') {
      // what a decision read, without when: the two runs seed their markets at different times
      const { book, configHash, analysis } = v as { book: { tokenId: string; bids: unknown; asks: unknown } | null; configHash: unknown; analysis: unknown };
      out[k] = { configHash, analysis, book: book && { tokenId: book.tokenId, bids: book.bids, asks: book.asks } };
      continue;
    }
    out[k] = k === 'signal' && v && typeof v === 'object' ? { ...(v as object), ts: undefined } : v;
  }
  return out;
}

function sortBy<T>(items: T[]): T[] {
  return [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
