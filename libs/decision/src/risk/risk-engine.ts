import {
  RiskCommandEvent, RiskDecisionEvent, RiskWarningEvent, SignalGeneratedEvent, Subjects, TradeEvent, TradeTrigger,
} from '@polytrader/contracts';
import type {
  BreakerTrip, DecisionInputs, DecisionRecord, OrderIntent, OrderRecord, PositionState, RiskCommit, RiskStateRecord, TradeRecord, TradeSide,
} from '@polytrader/persistence';
import { calendarDay, positionCost, unrealizedPnl } from '@polytrader/quant';
import { errorMessage } from '../error-message';
import { ExecutionVenue, VenueFill, VenueHaltedError } from './execution-venue';
import type { MarketData, MarketView } from './market-view';
import { CheckLimits, TradingStateName, runPreTradeChecks } from './pre-trade-checks';
import { equityOf, fmt, pctOf } from './risk-math';

export interface EngineConfig {
  initialEquity: number;
  timezone: string;
  /** Fraction of a limit at which risk warns and enters REDUCING. */
  warningThreshold: number;
  maxConsecutiveErrors: number;
  /** Percent of a position's cost; 0 disables. */
  stopLossPct: number;
  takeProfitPct: number;
  limits: CheckLimits;
  /** decisionConfigHash of the settings in force: kept with every decision's inputs */
  configHash?: string;
}

/** What the kill switch says right now. */
export interface HaltView {
  halted: boolean;
  reason: string;
}

export interface OutEvent {
  subject: string;
  event: { id: string } & object;
}

/** One step of the engine: what to write (one transaction), then what to publish. */
export interface RiskStep {
  commit: RiskCommit;
  events: OutEvent[];
  /** A new circuit-breaker trip: publish system.kill once. */
  trip: BreakerTrip | null;
}

export interface Metrics {
  equity: number;
  dailyPnlPct: number;
  drawdownPct: number;
  startOfDayEquity: number;
  highWaterMark: number;
  consecutiveErrors: number;
}

const KEEP_KEYS = 200;

/** A working copy of the engine's state: the step works on it; apply() adopts it once the commit is stored. */
class Draft {
  readonly positions: Map<string, PositionState>;
  readonly state: RiskStateRecord;
  readonly orders: OrderRecord[] = [];
  readonly trades = new Map<string, TradeRecord>();
  readonly removed = new Map<string, { marketId: string; tokenId: string }>();
  readonly touched = new Set<string>();
  readonly events: OutEvent[] = [];

  constructor(positions: Map<string, PositionState>, state: RiskStateRecord, readonly now: Date) {
    // Shallow: position records and the state's key lists are never changed in place (every change is a new
    // record or list), so sharing them is safe.
    this.positions = new Map(positions);
    this.state = { ...state };
  }

  put(p: PositionState): void {
    this.positions.set(p.tokenId, p);
    this.touched.add(p.tokenId);
    this.removed.delete(p.tokenId);
  }

  remove(p: PositionState): void {
    this.positions.delete(p.tokenId);
    this.touched.delete(p.tokenId);
    this.removed.set(p.tokenId, { marketId: p.marketId, tokenId: p.tokenId });
  }

  commit(decision?: DecisionRecord): RiskCommit {
    return {
      ...(decision ? { decision } : {}), orders: this.orders, trades: [...this.trades.values()],
      positions: { upsert: [...this.touched].map((t) => this.positions.get(t)!), remove: [...this.removed.values()] }, state: this.state,
    };
  }
}

/**
 * The risk engine: pre-trade checks, execution through a venue, positions and PnL, warnings, REDUCING,
 * and the circuit breaker. It computes steps on a draft and never changes its own state until the
 * service has stored the step (apply) — so a failed write leaves it exactly as the database is.
 * Steps must run one at a time (the service serializes them).
 */
export class RiskEngine {
  private positions = new Map<string, PositionState>();
  private state: RiskStateRecord;
  /** The breaker tripped: HALTED from here until system.reset, whether or not the kill switch has seen the kill yet. */
  private breakerHalt: BreakerTrip | null = null;

  constructor(
    private readonly config: EngineConfig,
    private readonly venue: ExecutionVenue,
    private readonly market: MarketData,
    /** The time of every step: the service passes the wall clock, a backtest the replayed time. */
    private readonly clock: () => Date,
    private readonly source = 'risk',
  ) {
    this.state = this.freshState(this.clock());
  }

  /** Recovery: the state and positions as stored. A trip whose kill was never published is published again. */
  restore(state: RiskStateRecord | null, positions: readonly PositionState[]): void {
    this.state = state ?? this.freshState(this.clock());
    this.positions = new Map(positions.map((p) => [p.tokenId, { ...p }]));
    // A published kill is the kill switch's business (restored from the bus, maybe reset since); an unpublished one is ours.
    this.breakerHalt = this.pendingKill;
  }

  /** A breaker trip whose system.kill is not on the bus yet. */
  get pendingKill(): BreakerTrip | null {
    return this.state.breaker && !this.state.breaker.published ? this.state.breaker : null;
  }

  snapshot(): { state: RiskStateRecord; positions: PositionState[] } {
    return { state: this.state, positions: [...this.positions.values()] };
  }

  metrics(): Metrics {
    return this.metricsOf(this.positions, this.state);
  }

  tradingState(halt: HaltView): { name: TradingStateName; why: string } {
    return this.stateOf(this.state, halt, this.metrics());
  }

  /** The step has been stored: adopt it. */
  apply(step: RiskStep): void {
    // In place: drafts copy the map when they are made, so none sees this change.
    for (const r of step.commit.positions.remove) this.positions.delete(r.tokenId);
    for (const p of step.commit.positions.upsert) this.positions.set(p.tokenId, p);
    this.state = step.commit.state;
    if (step.trip) this.breakerHalt = step.trip;
  }

  /** system.kill from the breaker is stored on the bus. */
  killPublished(): RiskStep {
    const draft = this.draft();
    if (draft.state.breaker) draft.state.breaker = { ...draft.state.breaker, published: true };
    return { commit: draft.commit(), events: [], trip: null };
  }

  /** system.reset: re-arm — the error run starts over; breaches already killed for stay fired (no second kill for the same one). */
  reset(): RiskStep {
    const draft = this.draft();
    draft.state.consecutiveErrors = 0;
    this.breakerHalt = null;
    return { commit: draft.commit(), events: [], trip: null };
  }

  command(cmd: RiskCommandEvent): RiskStep {
    const draft = this.draft();
    draft.state.reducing = cmd.command === 'reduce'
      ? { reason: cmd.reason?.trim() || '(no reason given)', source: cmd.source, ts: draft.now.toISOString() } : null;
    return { commit: draft.commit(), events: [], trip: null };
  }

  /**
   * Pre-trade checks on one signal; when approved, the order, its fill and the position change. `halt` is the
   * kill switch when the decision starts, `live` asks it again: a kill that arrives while the decision waits
   * (for the market view or the venue) rejects it `halted: …` with nothing filled — asked right before the
   * venue is called and again once it answered (a paper fill is not kept).
   */
  async onSignal(signal: SignalGeneratedEvent, halt: HaltView, live: () => HaltView = () => halt): Promise<RiskStep> {
    const draft = this.draft();
    const existing = draft.positions.get(signal.tokenId);
    // A SELL closes the whole position held (any size asked: clamped to the shares held); a SELL with nothing
    // held is an 'open' the checks reject with no_position — no short selling (shorts stored by older versions
    // are closed at start-up: closeShort).
    const intent: OrderIntent = !existing ? 'open' : existing.side === signal.side ? 'increase' : 'close';
    // one computation for the state and the checks: the draft does not change before execution
    const before = this.metricsOf(draft.positions, draft.state);
    const state = this.stateOf(draft.state, halt, before);
    let view: MarketView | null = null;
    let reasons: string[];
    try {
      view = await this.market.view(signal.marketId);
      reasons = runPreTradeChecks(this.checkInput(draft, signal, intent, state, before, view, existing ?? null));
    } catch (err) {
      reasons = [`checks failed: ${errorMessage(err)}`];
    }
    let approved = reasons.length === 0;
    const shares = intent === 'close' ? existing!.size : signal.size;
    let tradingState = state;
    if (approved) {
      const trigger: TradeTrigger = intent === 'close' ? 'opposite_signal' : 'signal';
      const done = await this.execute(draft, { orderId: signal.id, signalId: signal.id, intent, trigger, side: signal.side, shares, signal, view: view!, existing: existing ?? null }, live);
      if (done === 'halted') {
        const why = live().reason;
        approved = false;
        tradingState = { name: 'HALTED', why };
        reasons = [`halted: the kill switch engaged while this order was in flight (${why}); nothing was filled`];
      }
    }
    const decision: DecisionRecord = {
      signalId: signal.id, decision: approved ? 'approved' : 'rejected', marketId: signal.marketId, tradingState: tradingState.name,
      reasons: [`trading state ${tradingState.name}${tradingState.name === 'ACTIVE' ? '' : `: ${tradingState.why}`}`, ...(approved ? [`approved: ${intent} ${signal.side} ${fmt(shares, 4)} shares`] : reasons)],
      size: approved ? shares : null, ts: draft.now.toISOString(), signal: { ...signal }, inputs: decisionInputs(signal, view, this.config.configHash),
    };
    draft.events.unshift(decisionEvent(decision, this.source));
    return this.finish(draft, live(), decision);
  }

  /**
   * After a collection cycle: marks to market, settles resolved markets, stop-loss and take-profit exits.
   * `live` asks the kill switch again before each exit and around its venue call (no exit while HALTED).
   */
  async onCycle(cycleId: string, halt: HaltView, live: () => HaltView = () => halt): Promise<RiskStep> {
    const draft = this.draft();
    for (const p of [...draft.positions.values()]) {
      const view = await this.market.view(p.marketId);
      const mark = markOf(view, p.tokenId);
      const marked = mark === null ? p : { ...p, markPrice: mark, markedAt: draft.now.toISOString(), unrealizedPnl: unrealizedPnl(p.side, p.size, p.avgPrice, mark) };
      draft.put({ ...marked, updatedAt: draft.now.toISOString() });
      if (view.market?.closed) {
        this.settle(draft, marked, view);
        continue;
      }
      // HALTED (see stateOf) does not depend on the metrics: no need to compute them per position
      if (halt.halted || this.breakerHalt || marked.cost <= 0 || live().halted) continue;
      const pnlPct = (marked.unrealizedPnl / marked.cost) * 100;
      const trigger: TradeTrigger | null = this.config.stopLossPct > 0 && pnlPct <= -this.config.stopLossPct ? 'stop_loss'
        : this.config.takeProfitPct > 0 && pnlPct >= this.config.takeProfitPct ? 'take_profit' : null;
      if (!trigger) continue;
      await this.execute(draft, {
        orderId: `${marked.tradeId}:${trigger}:${cycleId}`, signalId: null, intent: 'close', trigger, side: opposite(marked.side), shares: marked.size,
        signal: null, view, existing: marked,
      }, live);
    }
    return this.finish(draft, live());
  }

  private async execute(draft: Draft, o: {
    orderId: string; signalId: string | null; intent: OrderIntent; trigger: TradeTrigger; side: TradeSide; shares: number;
    signal: SignalGeneratedEvent | null; view: MarketView; existing: PositionState | null;
  }, live: () => HaltView): Promise<'halted' | void> {
    // Invariant (the `position` check refuses such signals): no short selling, so a SELL never opens or adds to a position.
    if (o.side === 'SELL' && o.intent !== 'close' && o.intent !== 'reduce') throw new Error(`refusing to ${o.intent} a SELL position (order ${o.orderId}): no short selling`);
    const ts = draft.now.toISOString();
    const tradeId = o.existing?.tradeId ?? `T-${o.orderId}`;
    const base = {
      orderId: o.orderId, signalId: o.signalId, tradeId, marketId: o.signal?.marketId ?? o.existing!.marketId,
      tokenId: o.signal?.tokenId ?? o.existing!.tokenId, side: o.side, intent: o.intent, trigger: o.trigger,
      requestedNotional: o.signal && o.intent !== 'close' ? o.signal.size * o.signal.price : null, requestedSize: o.shares,
      mode: this.venue.mode, ts,
    };
    // a kill that arrived while the decision waited (market view, an earlier order of the step): no order
    if (live().halted) return 'halted';
    let fill: VenueFill;
    try {
      fill = await this.venue.execute({ orderId: o.orderId, marketId: base.marketId, tokenId: base.tokenId, side: o.side, shares: o.shares });
      if (!(fill.shares >= 0) || !(fill.notional >= 0) || !(fill.fees >= 0)) throw new Error(`venue returned an invalid fill: ${JSON.stringify(fill)}`);
    } catch (err) {
      // the venue saw the kill right before filling: nothing filled, and not an execution error
      if (err instanceof VenueHaltedError) return 'halted';
      draft.state.consecutiveErrors++;
      draft.orders.push({ ...base, filledSize: 0, avgPrice: null, notional: 0, fees: 0, realizedPnl: 0, status: 'error', fills: [], error: errorMessage(err) });
      return;
    }
    // a kill that arrived while the venue worked: the (paper) fill is not kept, nothing is stored as a trade
    if (live().halted) return 'halted';
    draft.state.consecutiveErrors = 0;
    const status = fill.shares <= 0 ? 'unfilled' : fill.shares < o.shares - 1e-9 ? 'partial' : 'filled';
    const avg = fill.shares > 0 ? fill.notional / fill.shares : null;
    if (fill.shares <= 0 || avg === null) {
      draft.orders.push({ ...base, filledSize: 0, avgPrice: null, notional: 0, fees: 0, realizedPnl: 0, status, fills: [], error: null });
      return;
    }
    const order: OrderRecord = { ...base, filledSize: fill.shares, avgPrice: avg, notional: fill.notional, fees: fill.fees, realizedPnl: -fill.fees, status, fills: fill.fills, error: null };
    if (o.intent === 'close' || o.intent === 'reduce') this.reduce(draft, o.existing!, order, o.trigger);
    else this.add(draft, o.existing, order, o.signal!, o.view);
  }

  private add(draft: Draft, existing: PositionState | null, order: OrderRecord, signal: SignalGeneratedEvent, view: MarketView): void {
    const ts = order.ts;
    const size = (existing?.size ?? 0) + order.filledSize;
    const avgPrice = ((existing ? existing.avgPrice * existing.size : 0) + order.notional) / size;
    const mark = existing?.markPrice ?? markOf(view, signal.tokenId);
    const p: PositionState = {
      marketId: signal.marketId, tokenId: signal.tokenId, tradeId: order.tradeId, outcome: existing?.outcome ?? signal.outcome,
      sector: existing?.sector ?? sectorOf(signal, view), side: order.side, size, avgPrice, cost: positionCost(order.side, size, avgPrice),
      markPrice: mark, markedAt: mark === null ? null : ts, unrealizedPnl: unrealizedPnl(order.side, size, avgPrice, mark),
      fees: (existing?.fees ?? 0) + order.fees, realizedPnl: (existing?.realizedPnl ?? 0) - order.fees, openedAt: existing?.openedAt ?? ts, updatedAt: ts,
    };
    draft.put(p);
    draft.orders.push(order);
    draft.state.realizedPnl += order.realizedPnl;
    draft.trades.set(p.tradeId, {
      tradeId: p.tradeId, marketId: p.marketId, tokenId: p.tokenId, side: p.side, size, price: avgPrice, fees: p.fees, realizedPnl: null,
      mode: order.mode, status: 'open', openedAt: p.openedAt, closedAt: null,
    });
    draft.events.push(tradeEvent(Subjects.TradeOpened, order, p.outcome, this.source));
  }

  private reduce(draft: Draft, p: PositionState, order: OrderRecord, trigger: TradeTrigger): void {
    const shares = Math.min(order.filledSize, p.size);
    const gross = p.side === 'BUY' ? (order.avgPrice! - p.avgPrice) * shares : (p.avgPrice - order.avgPrice!) * shares;
    const realized = gross - order.fees;
    const closedOrder: OrderRecord = { ...order, realizedPnl: realized };
    draft.orders.push(closedOrder);
    draft.state.realizedPnl += realized;
    const left = p.size - shares;
    const fees = p.fees + order.fees;
    const positionPnl = p.realizedPnl + realized;
    const flat = left <= 1e-9;
    if (flat) draft.remove(p);
    else {
      draft.put({
        ...p, size: left, cost: positionCost(p.side, left, p.avgPrice), unrealizedPnl: unrealizedPnl(p.side, left, p.avgPrice, p.markPrice), fees,
        realizedPnl: positionPnl, updatedAt: order.ts,
      });
    }
    draft.trades.set(p.tradeId, {
      tradeId: p.tradeId, marketId: p.marketId, tokenId: p.tokenId, side: p.side, size: flat ? p.size : left, price: p.avgPrice, fees,
      realizedPnl: flat ? positionPnl : null, mode: order.mode, status: flat ? 'closed' : 'open', openedAt: p.openedAt, closedAt: flat ? order.ts : null,
    });
    draft.events.push(tradeEvent(Subjects.TradeClosed, closedOrder, p.outcome, this.source, trigger));
  }

  /**
   * Start-up migration of a short stored by an older version (Polymarket has no short selling): closed by a BUY
   * at the mark — the latest stored book's mark, else the position's last mark, else its entry price (and the
   * reason says so) — without the venue or fees, like a settlement. Journal: a decision `short_migrated:<trade
   * id>` whose reason starts `short_migrated:` and the order `<trade id>:short_migrated`; publishes trade.closed.
   * Runs whatever the trading state (it is bookkeeping, not a market order).
   */
  closeShort(p: PositionState, view: MarketView | null, halt: HaltView): RiskStep {
    if (p.side !== 'SELL') throw new Error(`position ${p.tradeId} is not short`);
    const draft = this.draft();
    const latest = view ? markOf(view, p.tokenId) : null;
    const mark = latest ?? p.markPrice;
    const price = mark ?? p.avgPrice;
    const key = `short_migrated:${p.tradeId}`;
    const ts = draft.now.toISOString();
    const order: OrderRecord = {
      orderId: `${p.tradeId}:short_migrated`, signalId: key, tradeId: p.tradeId, marketId: p.marketId, tokenId: p.tokenId, side: 'BUY',
      intent: 'close', trigger: 'opposite_signal', requestedNotional: null, requestedSize: p.size, filledSize: p.size, avgPrice: price,
      notional: p.size * price, fees: 0, realizedPnl: 0, status: 'filled', fills: [[price, p.size]], error: null, mode: this.venue.mode, ts,
    };
    this.reduce(draft, p, order, 'opposite_signal');
    const realized = draft.orders[draft.orders.length - 1].realizedPnl;
    const at = mark === null ? `at its entry price ${fmt(price, 4)} (no mark known)` : `at the mark ${fmt(price, 4)}${latest === null ? ' (its last mark: no book stored now)' : ''}`;
    const decision: DecisionRecord = {
      signalId: key, decision: 'approved', marketId: p.marketId, tradingState: this.stateOf(draft.state, halt, this.metricsOf(draft.positions, draft.state)).name,
      reasons: [`short_migrated: short position of ${fmt(p.size, 4)} shares of ${p.tokenId} (trade ${p.tradeId}, entry ${fmt(p.avgPrice, 4)}) closed ${at}, realized ${fmt(realized)} USDC — no short selling`],
      size: p.size, ts, signal: null,
    };
    return this.finish(draft, halt, decision);
  }

  /** The market resolved: the position is paid out at the outcome's final price (no order book, no fees). */
  private settle(draft: Draft, p: PositionState, view: MarketView): void {
    const price = finalPriceOf(view, p.tokenId) ?? p.markPrice;
    if (price === null) return; // nothing to settle at yet: retried on the next cycle
    const order: OrderRecord = {
      orderId: `${p.tradeId}:resolution`, signalId: null, tradeId: p.tradeId, marketId: p.marketId, tokenId: p.tokenId, side: opposite(p.side),
      intent: 'close', trigger: 'resolution', requestedNotional: null, requestedSize: p.size, filledSize: p.size, avgPrice: price,
      notional: p.size * price, fees: 0, realizedPnl: 0, status: 'filled', fills: [[price, p.size]], error: null, mode: this.venue.mode, ts: draft.now.toISOString(),
    };
    this.reduce(draft, p, order, 'resolution');
  }

  /** Metrics, high-water mark, warnings and the breaker after a step. */
  private finish(draft: Draft, halt: HaltView, decision?: DecisionRecord): RiskStep {
    // metricsOf already counts the equity into the high-water mark: raising the stored one changes no metric
    const m = this.metricsOf(draft.positions, draft.state);
    if (m.equity > draft.state.highWaterMark) draft.state.highWaterMark = m.equity;
    this.warn(draft, m);
    const trip = this.breaker(draft, m, halt);
    draft.state.updatedAt = draft.now.toISOString();
    return { commit: draft.commit(decision), events: draft.events, trip };
  }

  private warn(draft: Draft, m: Metrics): void {
    const t = this.config.warningThreshold;
    const { limits } = this.config;
    const day = draft.state.tradingDay;
    let exposure = 0;
    for (const p of draft.positions.values()) exposure += p.cost;
    const totalPct = m.equity > 0 ? (exposure / m.equity) * 100 : 0;
    const candidates: [key: string, limit: string, value: number, threshold: number, message: string, hit: boolean][] = [
      [`daily_loss:${day}`, 'daily_loss_limit', m.dailyPnlPct, limits.dailyLossLimit, 'Approaching daily limit', m.dailyPnlPct <= limits.dailyLossLimit * t],
      [`drawdown:${fmt(draft.state.highWaterMark)}`, 'max_drawdown', m.drawdownPct, limits.maxDrawdown, 'Approaching max drawdown', m.drawdownPct <= limits.maxDrawdown * t],
      [`total_exposure:${day}`, 'max_total_exposure_pct', totalPct, limits.maxTotalExposurePct, 'Approaching total exposure limit', totalPct >= limits.maxTotalExposurePct * t && limits.maxTotalExposurePct > 0],
      [`open_positions:${day}`, 'max_open_positions', draft.positions.size, limits.maxOpenPositions, 'Approaching max open positions', draft.positions.size >= limits.maxOpenPositions * t],
    ];
    for (const [key, limit, value, threshold, message, hit] of candidates) {
      if (!hit || draft.state.warnedKeys.includes(key)) continue;
      draft.state.warnedKeys = [...draft.state.warnedKeys, key].slice(-KEEP_KEYS);
      const event: RiskWarningEvent = {
        v: 1, id: `risk-warning-${key}`, ts: draft.now.toISOString(), source: this.source, limit, value: round(value), threshold,
        message: `${message}: ${fmt(value)} (limit ${threshold})`,
      };
      draft.events.push({ subject: Subjects.RiskWarning, event });
    }
  }

  private breaker(draft: Draft, m: Metrics, halt: HaltView): BreakerTrip | null {
    if (halt.halted || this.breakerHalt) return null;
    const { limits, maxConsecutiveErrors } = this.config;
    const breach: [key: string, reason: string] | null = m.dailyPnlPct <= limits.dailyLossLimit
      ? [`daily_loss:${draft.state.tradingDay}`, `daily loss limit breached: ${fmt(m.dailyPnlPct)}% of start-of-day equity (limit ${limits.dailyLossLimit}%)`]
      : m.drawdownPct <= limits.maxDrawdown
        ? [`drawdown:${fmt(draft.state.highWaterMark)}`, `max drawdown breached: ${fmt(m.drawdownPct)}% below the high-water mark (limit ${limits.maxDrawdown}%)`]
        : draft.state.consecutiveErrors >= maxConsecutiveErrors
          ? [`execution_errors:${draft.now.toISOString()}`, `${draft.state.consecutiveErrors} consecutive execution errors (limit ${maxConsecutiveErrors})`]
          : null;
    if (!breach || draft.state.firedKeys.includes(breach[0])) return null;
    const trip: BreakerTrip = {
      key: breach[0], reason: breach[1], ts: draft.now.toISOString(), published: false,
      metrics: {
        equity: round(m.equity), dailyPnlPct: round(m.dailyPnlPct), drawdownPct: round(m.drawdownPct), startOfDayEquity: round(m.startOfDayEquity),
        highWaterMark: round(m.highWaterMark), consecutiveErrors: m.consecutiveErrors, tradingDay: draft.state.tradingDay,
      },
    };
    draft.state.breaker = trip;
    draft.state.firedKeys = [...draft.state.firedKeys, trip.key].slice(-KEEP_KEYS);
    return trip;
  }

  private checkInput(
    draft: Draft, s: SignalGeneratedEvent, intent: OrderIntent, state: { name: TradingStateName; why: string }, metrics: Metrics, view: MarketView,
    existing: PositionState | null,
  ) {
    const sector = existing?.sector ?? sectorOf(s, view);
    let market = 0;
    let sectorExposure = 0;
    let total = 0;
    for (const p of draft.positions.values()) {
      total += p.cost;
      if (p.marketId === s.marketId) market += p.cost;
      if (sector !== null && p.sector === sector) sectorExposure += p.cost;
    }
    const book = view.books.get(s.tokenId);
    return {
      now: draft.now, state, intent, side: s.side, size: intent === 'close' ? existing!.size : s.size,
      addedExposure: intent === 'close' ? 0 : positionCost(s.side, s.size, s.price), signalTs: s.ts, sector,
      metrics,
      exposure: { market, sector: sectorExposure, total, openPositions: draft.positions.size },
      market: view.market ? { closed: view.market.closed, endDate: view.market.endDate, liquidity: view.snapshot?.liquidity ?? null } : null,
      book: book ? { levels: s.side === 'BUY' ? book.asks : book.bids, ts: book.ts } : null,
      limits: this.config.limits,
    };
  }

  /** `m`: the metrics of `state` with its positions. */
  private stateOf(state: RiskStateRecord, halt: HaltView, m: Metrics): { name: TradingStateName; why: string } {
    if (halt.halted) return { name: 'HALTED', why: halt.reason };
    if (this.breakerHalt) return { name: 'HALTED', why: this.breakerHalt.reason };
    if (state.reducing) return { name: 'REDUCING', why: `on command from ${state.reducing.source}: ${state.reducing.reason}` };
    const t = this.config.warningThreshold;
    const { dailyLossLimit, maxDrawdown } = this.config.limits;
    if (m.dailyPnlPct <= dailyLossLimit * t) return { name: 'REDUCING', why: `daily loss ${fmt(m.dailyPnlPct)}% past the warning level ${fmt(dailyLossLimit * t)}%` };
    if (m.drawdownPct <= maxDrawdown * t) return { name: 'REDUCING', why: `drawdown ${fmt(m.drawdownPct)}% past the warning level ${fmt(maxDrawdown * t)}%` };
    return { name: 'ACTIVE', why: '' };
  }

  private metricsOf(positions: Map<string, PositionState>, state: RiskStateRecord): Metrics {
    const equity = equityOf(this.config.initialEquity, state.realizedPnl, positions.values());
    const hwm = Math.max(state.highWaterMark, equity);
    return {
      equity, dailyPnlPct: pctOf(equity, state.dayStartEquity), drawdownPct: pctOf(equity, hwm), startOfDayEquity: state.dayStartEquity,
      highWaterMark: hwm, consecutiveErrors: state.consecutiveErrors,
    };
  }

  /** A draft at `now`; a new trading day starts with the equity it begins with. */
  private draft(): Draft {
    const now = this.clock();
    const draft = new Draft(this.positions, this.state, now);
    const day = calendarDay(now, this.config.timezone);
    if (day !== draft.state.tradingDay) {
      draft.state.tradingDay = day;
      draft.state.dayStartEquity = equityOf(this.config.initialEquity, draft.state.realizedPnl, draft.positions.values());
    }
    return draft;
  }

  private freshState(now: Date): RiskStateRecord {
    const e = this.config.initialEquity;
    return {
      tradingDay: calendarDay(now, this.config.timezone), dayStartEquity: e, highWaterMark: e, realizedPnl: 0, consecutiveErrors: 0, reducing: null,
      breaker: null, firedKeys: [], warnedKeys: [], updatedAt: now.toISOString(),
    };
  }
}

/** The events of a stored decision, rebuilt the same (same ids) for a redelivered signal. */
export function decisionEvent(d: DecisionRecord, source: string): OutEvent {
  const event: RiskDecisionEvent = {
    v: 1, id: `risk-decision-${d.signalId}`, ts: d.ts, source, signalId: d.signalId, marketId: d.marketId, tradingState: d.tradingState,
    reasons: d.reasons, size: d.size ?? 0,
  };
  return { subject: d.decision === 'approved' ? Subjects.RiskApproved : Subjects.RiskRejected, event };
}

export function tradeEvent(subject: string, o: OrderRecord, outcome: string | undefined, source: string, trigger: TradeTrigger = o.trigger): OutEvent {
  const event: TradeEvent = {
    v: 1, id: `trade-${o.orderId}`, ts: o.ts, source, tradeId: o.tradeId, marketId: o.marketId, tokenId: o.tokenId, side: o.side, size: o.filledSize,
    price: Math.min(1, Math.max(0, o.avgPrice ?? 0)), fees: o.fees, mode: o.mode, orderId: o.orderId, trigger,
    ...(o.signalId ? { signalId: o.signalId } : {}), ...(outcome ? { outcome } : {}),
    ...(subject === Subjects.TradeClosed ? { realizedPnl: round(o.realizedPnl) } : {}),
  };
  return { subject, event };
}

/** Mark price of a token: the book's mid, else the middle of best bid/ask, else the snapshot's outcome price. */
export function markOf(view: MarketView, tokenId: string): number | null {
  const b = view.books.get(tokenId);
  if (b?.mid !== null && b?.mid !== undefined) return b.mid;
  if (b && b.bestBid !== null && b.bestAsk !== null) return (b.bestBid + b.bestAsk) / 2;
  return finalPriceOf(view, tokenId);
}

function finalPriceOf(view: MarketView, tokenId: string): number | null {
  const i = view.market?.tokenIds.indexOf(tokenId) ?? -1;
  const price = i >= 0 ? view.snapshot?.outcomePrices[i] : undefined;
  return typeof price === 'number' && Number.isFinite(price) ? price : null;
}

/** Sector = the sizer's, else the market category, else its first tag; lower case. */
function sectorOf(s: SignalGeneratedEvent & { sector?: string }, view: MarketView | null): string | null {
  const raw = s.sector ?? view?.market?.category ?? view?.market?.tags[0] ?? null;
  return raw ? raw.toLowerCase() : null;
}

const opposite = (side: TradeSide): TradeSide => (side === 'BUY' ? 'SELL' : 'BUY');
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** What a decision read, with when each piece was observed (docs/backtest.md): the book of the signal's token, the snapshot, the market, the analysis. */
export function decisionInputs(signal: SignalGeneratedEvent, view: MarketView | null, configHash: string | undefined): DecisionInputs {
  const book = view?.books.get(signal.tokenId) ?? null;
  return {
    configHash: configHash ?? null,
    book: book ? { tokenId: book.tokenId, cycleId: book.cycleId ?? '', observedAt: book.ts ?? '', bids: book.bids, asks: book.asks } : null,
    snapshot: view?.snapshot ? { cycleId: view.snapshot.cycleId ?? '', observedAt: view.snapshot.ts ?? '' } : null,
    marketObservedAt: view?.market?.updatedAt ?? null,
    analysis: signal.analysisAt ? { at: signal.analysisAt, pAdj: signal.analysisP ?? null, lag: signal.analysisLag ?? null } : null,
  };
}
