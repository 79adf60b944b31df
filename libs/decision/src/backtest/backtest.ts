import type { SignalGeneratedEvent } from '@polytrader/contracts';
import type { DecisionRecord, OrderRecord, PnlSummary, SignalRecord, TradeRecord } from '@polytrader/persistence';
import {
  type ClosedTradeOutcome, type ReturnSeriesSummary, brierScore, exposure, profitFactor, summarizeReturns, turnover, winRate,
} from '@polytrader/quant';
import { PaperBroker } from '../risk/paper-broker';
import { type HaltView, RiskEngine, type RiskStep } from '../risk/risk-engine';
import { type DecisionConfig, calendarEvents, decisionConfigHash, riskEngineConfig, ruleSettings, sizingSettings } from '../settings';
import type { SignalStores } from '../signals/ports';
import { loadPassInputs } from '../signals/signal-inputs';
import { decideSignals, signalRecord } from '../signals/signal-pass';
import { type Observations, collectionCycles } from './observations';
import { PointInTimeWorld } from './world';

export interface BacktestOptions {
  /** decisions are made for the collection cycles with fromMs ≤ cycle time < toMs; earlier facts are known history */
  readonly fromMs: number;
  readonly toMs: number;
  /** from a signal to its decision and fill (the book walked is the newest observed by then); 0 = at once */
  readonly latencyMs?: number;
  /** days per year for the annual figures (default 365: these markets trade every day) */
  readonly annualization?: number;
  /** called after each cycle (a progress bar) */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface EquityPoint {
  ts: string;
  equity: number;
}

export interface BrierFigure {
  score: number;
  /** signals whose market had resolved by the end of the range */
  signals: number;
}

export interface BacktestMetrics extends ReturnSeriesSummary {
  trades: number;
  winRate: number;
  profitFactor: number;
  /** share of the range with a position open */
  exposure: number;
  /** traded notional per year over the initial equity */
  turnover: number;
  finalEquity: number;
  brier: BrierFigure;
  brierByCategory: Record<string, BrierFigure>;
}

export interface BacktestResult {
  configHash: string;
  from: string;
  to: string;
  cycles: number;
  /** facts replayed */
  observations: number;
  /** every proposal, published (size > 0) or suppressed, as the signals service journals them */
  signals: SignalRecord[];
  decisions: DecisionRecord[];
  orders: OrderRecord[];
  /** every trade in its final state (open ones at their last mark) */
  trades: TradeRecord[];
  equityCurve: EquityPoint[];
  dailyReturns: { day: string; return: number }[];
  metrics: BacktestMetrics;
}

/**
 * Replays the observations through the live decision code (docs/backtest.md): per collection cycle, the risk
 * engine's cycle step (marks, settlements, stop-loss/take-profit) then a signal pass, then each signal's
 * risk decision and paper fill after `latencyMs` — the order the services run them in. Every read goes to
 * a PointInTimeWorld that knows only what was observed by the replayed clock. A breaker trip halts the rest
 * of the run (live, only the owner's reset resumes).
 */
export async function runBacktest(obs: Observations, config: DecisionConfig, options: BacktestOptions): Promise<BacktestResult> {
  const { fromMs, toMs } = options;
  if (!(Number.isFinite(fromMs) && Number.isFinite(toMs) && fromMs < toMs)) throw new Error(`backtest range must have from < to, got ${fromMs}..${toMs}`);
  const latencyMs = options.latencyMs ?? 0;
  const world = new PointInTimeWorld(obs);
  let clock = fromMs;
  const engineConfig = riskEngineConfig(config);
  const broker = new PaperBroker(world, { feeBps: config.execution.fee_bps, maxSlippagePct: config.execution.max_slippage_pct });
  const engine = new RiskEngine(engineConfig, broker, world, () => new Date(clock));
  const journal = new SignalJournal();
  const stores = storesOf(world, engine, journal);
  const rules = ruleSettings(config);
  const sizing = sizingSettings(config);
  const events = calendarEvents(config);
  let seq = 0;
  const newId = () => `bt-${String(++seq).padStart(6, '0')}`;
  let halt: HaltView = { halted: false, reason: '' };
  const out = { decisions: [] as DecisionRecord[], orders: [] as OrderRecord[], trades: new Map<string, TradeRecord>(), equity: [] as EquityPoint[] };
  const take = (step: RiskStep) => {
    engine.apply(step);
    if (step.commit.decision && !step.commit.decision.signalId.startsWith('cycle:')) out.decisions.push(step.commit.decision);
    out.orders.push(...step.commit.orders);
    for (const t of step.commit.trades) out.trades.set(t.tradeId, t);
    if (step.trip) halt = { halted: true, reason: step.trip.reason };
  };

  const cycles = collectionCycles(obs).filter((c) => c.atMs >= fromMs && c.atMs < toMs);
  for (const [i, cycle] of cycles.entries()) {
    // a latency longer than the cycle gap makes the next cycle wait for the decisions, as a busy risk service would
    clock = Math.max(clock, cycle.atMs);
    world.advance(clock);
    take(await engine.onCycle(cycle.cycleId, halt));
    if (!halt.halted) {
      const inputs = await loadPassInputs(stores, rules, events, clock, config.portfolio.initial_equity);
      const decided = decideSignals(inputs, { rules, sizing, source: 'signals', newId }, clock);
      journal.save(decided.signals.map((s) => signalRecord(s, s.event.size > 0 ? 'published' : 'suppressed', s.note)));
      const published: SignalGeneratedEvent[] = decided.signals.filter((s) => s.event.size > 0).map((s) => s.event);
      if (published.length > 0) {
        clock = Math.max(clock, cycle.atMs + latencyMs);
        world.advance(clock);
      }
      for (const signal of published) take(await engine.onSignal(signal, halt));
    }
    out.equity.push({ ts: new Date(clock).toISOString(), equity: engine.metrics().equity });
    options.onProgress?.(i + 1, cycles.length);
  }

  const trades = [...out.trades.values()];
  const dailyReturns = dailyReturnsOf(out.equity, config.portfolio.initial_equity);
  const metrics = backtestMetrics({
    trades, dailyReturns, signals: journal.all(), world, fromMs, toMs, initialEquity: config.portfolio.initial_equity,
    finalEquity: engine.metrics().equity, orders: out.orders, annualization: options.annualization ?? 365,
  });
  return {
    configHash: decisionConfigHash(config), from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), cycles: cycles.length,
    observations: obs.markets.length + obs.snapshots.length + obs.books.length + obs.prices.length + obs.hype.length + obs.analyses.length,
    signals: journal.all(), decisions: out.decisions, orders: out.orders, trades, equityCurve: out.equity, dailyReturns, metrics,
  };
}

/** The signals journal of the run: what the cooldown reads (the newest published signal per market). */
class SignalJournal {
  private readonly rows: SignalRecord[] = [];
  private readonly lastPublished = new Map<string, string>();
  save(records: readonly SignalRecord[]): number {
    for (const r of records) {
      this.rows.push(r);
      if (r.status === 'published' && !(this.lastPublished.get(r.marketId)! >= r.ts)) this.lastPublished.set(r.marketId, r.ts);
    }
    return records.length;
  }
  lastSignalTimes(ids?: readonly string[]): Map<string, string> {
    if (!ids) return new Map(this.lastPublished);
    return new Map(ids.flatMap((id) => (this.lastPublished.has(id) ? [[id, this.lastPublished.get(id)!] as const] : [])));
  }
  all(): SignalRecord[] {
    return [...this.rows];
  }
}

/** The ports of a signal pass, answered by the world (market data), the engine (portfolio) and the run's journal. */
function storesOf(world: PointInTimeWorld, engine: RiskEngine, journal: SignalJournal): SignalStores {
  return {
    markets: world, hype: world, analysis: world,
    portfolio: {
      openPositions: async () => engine.snapshot().positions,
      // a pass reads the equity only (currentEquity); the rest of the summary is the journal's business
      pnlSummary: async (): Promise<PnlSummary> => {
        const m = engine.metrics();
        return {
          realizedPnl: 0, unrealizedPnl: 0, fees: 0, tradesOpened: 0, tradesClosed: 0, equity: m.equity, startOfDayEquity: m.startOfDayEquity, best: null, worst: null,
        };
      },
    },
    signals: {
      save: async (records) => journal.save(records),
      lastSignalTimes: async (ids) => journal.lastSignalTimes(ids),
      recent: async () => journal.all().reverse(),
    },
  };
}

/** One return per UTC day: the day's last equity over the previous day's (the first over the initial equity). */
export function dailyReturnsOf(curve: readonly EquityPoint[], initialEquity: number): { day: string; return: number }[] {
  const lastOfDay = new Map<string, number>();
  for (const p of curve) lastOfDay.set(p.ts.slice(0, 10), p.equity);
  let previous = initialEquity;
  return [...lastOfDay].map(([day, equity]) => {
    const r = { day, return: equity / previous - 1 };
    previous = equity;
    return r;
  });
}

interface MetricInputs {
  trades: TradeRecord[];
  dailyReturns: { return: number }[];
  signals: SignalRecord[];
  world: PointInTimeWorld;
  orders: OrderRecord[];
  fromMs: number;
  toMs: number;
  initialEquity: number;
  finalEquity: number;
  annualization: number;
}

function backtestMetrics(m: MetricInputs): BacktestMetrics {
  const closed: ClosedTradeOutcome[] = m.trades
    .filter((t) => t.status === 'closed' && t.realizedPnl !== null && t.closedAt && t.size * t.price > 0)
    .map((t) => ({ pnl: t.realizedPnl!, cost: t.size * t.price, entryMs: Date.parse(t.openedAt), exitMs: Date.parse(t.closedAt!) }));
  const held: ClosedTradeOutcome[] = m.trades.filter((t) => t.size * t.price > 0).map((t) => ({
    pnl: t.realizedPnl ?? 0, cost: t.size * t.price, entryMs: Date.parse(t.openedAt), exitMs: t.closedAt ? Date.parse(t.closedAt) : m.toMs,
  }));
  const window = { fromMs: m.fromMs, toMs: m.toMs };
  const brier = brierFigures(m.signals, m.world);
  return {
    ...summarizeReturns(m.dailyReturns.map((d) => d.return), { annualization: m.annualization }),
    trades: closed.length, winRate: winRate(closed), profitFactor: profitFactor(closed),
    exposure: held.length ? exposure(held, window) : 0, turnover: held.length ? turnover(held, m.initialEquity, window, { perYear: true }) : 0,
    finalEquity: m.finalEquity, brier: brier.overall, brierByCategory: brier.byCategory,
  };
}

/**
 * The Brier score of published BUY signals' confidence against what their token settled at, over the markets
 * closed by the end of the range with a settled price (≥ 0.99 → 1, ≤ 0.01 → 0); exits (SELL) predict nothing.
 */
function brierFigures(signals: readonly SignalRecord[], world: PointInTimeWorld): { overall: BrierFigure; byCategory: Record<string, BrierFigure> } {
  const settled = new Map<string, number>();
  for (const s of world.newestSnapshots()) {
    const market = world.marketOf(s.marketId);
    if (!market?.closed) continue;
    market.tokenIds.forEach((token, i) => {
      const p = s.outcomePrices[i];
      if (p >= 0.99) settled.set(token, 1);
      else if (p <= 0.01) settled.set(token, 0);
    });
  }
  const groups = new Map<string, { p: number[]; y: number[] }>();
  const add = (key: string, p: number, y: number) => {
    const g = groups.get(key) ?? { p: [], y: [] };
    g.p.push(p);
    g.y.push(y);
    groups.set(key, g);
  };
  for (const s of signals) {
    if (s.status !== 'published' || s.side !== 'BUY' || !settled.has(s.tokenId)) continue;
    add('*', s.confidence, settled.get(s.tokenId)!);
    add(s.sector ?? 'other', s.confidence, settled.get(s.tokenId)!);
  }
  const figure = (g?: { p: number[]; y: number[] }): BrierFigure => (g && g.p.length ? { score: brierScore(g.p, g.y), signals: g.p.length } : { score: Number.NaN, signals: 0 });
  return { overall: figure(groups.get('*')), byCategory: Object.fromEntries([...groups].filter(([k]) => k !== '*').map(([k, g]) => [k, figure(g)])) };
}
