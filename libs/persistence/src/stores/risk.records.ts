import type { Side, TradeTrigger, TradingState } from '@polytrader/contracts';
import type { BookLevel } from '../records';

/**
 * Records of the risk service's tables (positions, orders, trades, risk_decisions, risk_state).
 * Money is USDC, sizes are shares, prices are in [0, 1], times are ISO-8601 UTC.
 */

/** The contracts' side (signal.generated, trade.*). */
export type TradeSide = Side;

/** An open position as the signals sizer and the notifier read it (PortfolioStore.openPositions). */
export interface PositionRecord {
  marketId: string;
  tokenId: string;
  outcome: string;
  sector: string | null;
  /** BUY = long the token; SELL = short it (collateral 1 − price per share). */
  side: TradeSide;
  /** Shares. */
  size: number;
  avgPrice: number;
  /** USDC put at risk at entry: size × avgPrice (BUY) or size × (1 − avgPrice) (SELL). */
  cost: number;
  markPrice: number | null;
  /** (mark − avg) × size for BUY, (avg − mark) × size for SELL; 0 while there is no mark. */
  unrealizedPnl: number;
  openedAt: string;
}

/** A position as the risk service keeps it: the read record plus its bookkeeping. */
export interface PositionState extends PositionRecord {
  tradeId: string;
  markedAt: string | null;
  /** Fees paid on this position so far. */
  fees: number;
  /** Realized PnL of this position so far, net of fees. */
  realizedPnl: number;
  updatedAt: string;
}

export interface PnlSummary {
  /** Realized PnL of the orders in the period, net of their fees. */
  realizedPnl: number;
  /** Unrealized PnL of the positions open now. */
  unrealizedPnl: number;
  /** Fees paid in the period (already deducted from realizedPnl). */
  fees: number;
  tradesOpened: number;
  tradesClosed: number;
  /** Now: initial equity + all realized PnL + unrealized PnL. */
  equity: number;
  /** Equity at the start of the current trading day (risk.timezone); initial equity before the first day. */
  startOfDayEquity: number;
  /** Market with the highest realized-in-period + unrealized PnL. */
  best: { marketId: string; pnl: number } | null;
  worst: { marketId: string; pnl: number } | null;
}

export type OrderIntent = 'open' | 'increase' | 'reduce' | 'close';
/** The contracts' trade trigger (trade.*). */
export type OrderTrigger = TradeTrigger;
export type OrderStatus = 'filled' | 'partial' | 'unfilled' | 'error';

export interface OrderRecord {
  orderId: string;
  signalId: string | null;
  tradeId: string;
  marketId: string;
  tokenId: string;
  side: TradeSide;
  intent: OrderIntent;
  trigger: OrderTrigger;
  requestedNotional: number | null;
  requestedSize: number | null;
  filledSize: number;
  avgPrice: number | null;
  notional: number;
  fees: number;
  /** Net of this order's fees; an opening order realizes −fees. */
  realizedPnl: number;
  status: OrderStatus;
  fills: BookLevel[];
  error: string | null;
  mode: 'paper' | 'live';
  ts: string;
}

export interface TradeRecord {
  tradeId: string;
  marketId: string;
  tokenId: string;
  side: TradeSide;
  /** Shares held (open) or closed (closed). */
  size: number;
  /** Average entry price. */
  price: number;
  fees: number;
  /** Net of all fees; null while open. */
  realizedPnl: number | null;
  mode: 'paper' | 'live';
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
}

export type DecisionOutcome = 'approved' | 'rejected';

export interface DecisionRecord {
  signalId: string;
  decision: DecisionOutcome;
  marketId: string;
  tradingState: TradingState;
  reasons: string[];
  /** Approved notional (USDC); null when rejected. */
  size: number | null;
  ts: string;
  /** The signal as received. */
  signal: Record<string, unknown> | null;
  /** What the decision used (a backtest replays from it; null on rows written before it was kept, and on cycle records). */
  inputs?: DecisionInputs | null;
}

/** The data behind one risk decision, with the time each piece was observed (docs/backtest.md). */
export interface DecisionInputs {
  /** sha256 of the decision settings in force (libs/decision decisionConfigHash) */
  configHash: string | null;
  /** the stored book of the signal's token the checks and the fill walked */
  book: { tokenId: string; cycleId: string; observedAt: string; bids: [number, number][]; asks: [number, number][] } | null;
  /** the market's newest snapshot the checks read (liquidity, data age) */
  snapshot: { cycleId: string; observedAt: string } | null;
  /** when the market record the checks read was last written (end date, closed) */
  marketObservedAt: string | null;
  /** the Granger/correlation result the signal relied on, as the signal carried it */
  analysis: { at: string; pAdj: number | null; lag: number | null } | null;
}

export interface BreakerTrip {
  /** What was breached, e.g. `daily_loss:2026-11-30`: one kill per key. */
  key: string;
  reason: string;
  metrics: Record<string, number | string>;
  ts: string;
  /** True once system.kill was stored by the bus. */
  published: boolean;
}

export interface ReducingCommand {
  reason: string;
  source: string;
  ts: string;
}

export interface RiskStateRecord {
  /** YYYY-MM-DD in risk.timezone. */
  tradingDay: string;
  dayStartEquity: number;
  highWaterMark: number;
  /** All realized PnL so far, net of fees. */
  realizedPnl: number;
  consecutiveErrors: number;
  /** REDUCING on command, until `polytrader reduce --off`. */
  reducing: ReducingCommand | null;
  /** The last breaker trip; kept after the kill as a record. */
  breaker: BreakerTrip | null;
  /** Breach keys that already fired a kill (pruned to recent days). */
  firedKeys: string[];
  /** Warning keys already published (pruned to recent days). */
  warnedKeys: string[];
  updatedAt: string;
}

/** Everything one risk step writes, in one transaction. */
export interface RiskCommit {
  /** Keyed by signal id: when a decision for it exists, nothing is written and commit() resolves false. */
  decision?: DecisionRecord;
  orders: OrderRecord[];
  trades: TradeRecord[];
  positions: { upsert: PositionState[]; remove: { marketId: string; tokenId: string }[] };
  state: RiskStateRecord;
}

export interface JournalEntry {
  ts: string;
  kind: 'decision' | 'order';
  signalId: string | null;
  marketId: string;
  detail: DecisionRecord | OrderRecord;
}
