import { unrealizedPnl } from '@polytrader/quant';
import type { BookLevel } from '../records';
import { readJson, readNum, readNumOrNull } from '../sql/values';
import type {
  DecisionInputs, DecisionRecord, OrderRecord, PositionState, RiskStateRecord, TradeRecord, TradeSide,
} from './risk.records';

/** Row ⇄ record mapping of the risk tables (column lists in table order). */

type Row = Record<string, unknown>;

export const POSITION_COLUMNS = [
  'market_id', 'token_id', 'trade_id', 'outcome', 'sector', 'side', 'size', 'avg_price', 'cost', 'mark_price', 'marked_at', 'fees',
  'realized_pnl', 'opened_at', 'updated_at',
] as const;

export const ORDER_COLUMNS = [
  'order_id', 'signal_id', 'trade_id', 'market_id', 'token_id', 'side', 'intent', 'trigger', 'requested_notional', 'requested_size',
  'filled_size', 'avg_price', 'notional', 'fees', 'realized_pnl', 'status', 'fills', 'error', 'mode', 'ts',
] as const;

export const TRADE_COLUMNS = [
  'trade_id', 'market_id', 'token_id', 'side', 'size', 'price', 'fees', 'realized_pnl', 'mode', 'status', 'opened_at', 'closed_at',
] as const;

export const DECISION_COLUMNS = ['signal_id', 'decision', 'market_id', 'trading_state', 'reasons', 'size', 'ts', 'signal', 'inputs'] as const;

export const STATE_COLUMNS = [
  'id', 'trading_day', 'day_start_equity', 'high_water_mark', 'realized_pnl', 'consecutive_errors', 'reducing', 'breaker', 'fired_keys',
  'warned_keys', 'updated_at',
] as const;

export const STATE_ID = 'risk';

export function positionRow(p: PositionState): unknown[] {
  return [
    p.marketId, p.tokenId, p.tradeId, p.outcome, p.sector, p.side, p.size, p.avgPrice, p.cost, p.markPrice, p.markedAt, p.fees,
    p.realizedPnl, p.openedAt, p.updatedAt,
  ];
}

export function toPosition(r: Row): PositionState {
  const side = String(r.side) as TradeSide;
  const size = readNum(r.size);
  const avgPrice = readNum(r.avg_price);
  const markPrice = readNumOrNull(r.mark_price);
  return {
    marketId: String(r.market_id), tokenId: String(r.token_id), tradeId: String(r.trade_id), outcome: String(r.outcome),
    sector: r.sector === null || r.sector === undefined ? null : String(r.sector), side, size, avgPrice, cost: readNum(r.cost), markPrice,
    unrealizedPnl: unrealizedPnl(side, size, avgPrice, markPrice), markedAt: r.marked_at ? String(r.marked_at) : null, fees: readNum(r.fees),
    realizedPnl: readNum(r.realized_pnl), openedAt: String(r.opened_at), updatedAt: String(r.updated_at),
  };
}

export function orderRow(o: OrderRecord): unknown[] {
  return [
    o.orderId, o.signalId, o.tradeId, o.marketId, o.tokenId, o.side, o.intent, o.trigger, o.requestedNotional, o.requestedSize, o.filledSize,
    o.avgPrice, o.notional, o.fees, o.realizedPnl, o.status, JSON.stringify(o.fills), o.error, o.mode, o.ts,
  ];
}

export function toOrder(r: Row): OrderRecord {
  return {
    orderId: String(r.order_id), signalId: r.signal_id === null || r.signal_id === undefined ? null : String(r.signal_id), tradeId: String(r.trade_id),
    marketId: String(r.market_id), tokenId: String(r.token_id), side: String(r.side) as TradeSide, intent: String(r.intent) as OrderRecord['intent'],
    trigger: String(r.trigger) as OrderRecord['trigger'], requestedNotional: readNumOrNull(r.requested_notional),
    requestedSize: readNumOrNull(r.requested_size), filledSize: readNum(r.filled_size), avgPrice: readNumOrNull(r.avg_price),
    notional: readNum(r.notional), fees: readNum(r.fees), realizedPnl: readNum(r.realized_pnl), status: String(r.status) as OrderRecord['status'],
    fills: readJson<BookLevel[]>(r.fills, []), error: r.error === null || r.error === undefined ? null : String(r.error),
    mode: String(r.mode) as OrderRecord['mode'], ts: String(r.ts),
  };
}

export function tradeRow(t: TradeRecord): unknown[] {
  return [t.tradeId, t.marketId, t.tokenId, t.side, t.size, t.price, t.fees, t.realizedPnl, t.mode, t.status, t.openedAt, t.closedAt];
}

export function toTrade(r: Row): TradeRecord {
  return {
    tradeId: String(r.trade_id), marketId: String(r.market_id), tokenId: String(r.token_id), side: String(r.side) as TradeSide,
    size: readNum(r.size), price: readNum(r.price), fees: readNum(r.fees), realizedPnl: readNumOrNull(r.realized_pnl),
    mode: String(r.mode) as TradeRecord['mode'], status: String(r.status) as TradeRecord['status'], openedAt: String(r.opened_at),
    closedAt: r.closed_at ? String(r.closed_at) : null,
  };
}

export function decisionRow(d: DecisionRecord): unknown[] {
  return [d.signalId, d.decision, d.marketId, d.tradingState, JSON.stringify(d.reasons), d.size, d.ts, d.signal ? JSON.stringify(d.signal) : null, d.inputs ? JSON.stringify(d.inputs) : null];
}

export function toDecision(r: Row): DecisionRecord {
  const decision: DecisionRecord = {
    signalId: String(r.signal_id), decision: String(r.decision) as DecisionRecord['decision'], marketId: String(r.market_id),
    tradingState: String(r.trading_state) as DecisionRecord['tradingState'], reasons: readJson<string[]>(r.reasons, []),
    size: readNumOrNull(r.size), ts: String(r.ts), signal: readJson<Record<string, unknown> | null>(r.signal, null),
  };
  const inputs = readJson<DecisionInputs | null>(r.inputs, null);
  return inputs ? { ...decision, inputs } : decision; // rows without inputs read back as they were written
}

export function stateRow(s: RiskStateRecord): unknown[] {
  return [
    STATE_ID, s.tradingDay, s.dayStartEquity, s.highWaterMark, s.realizedPnl, s.consecutiveErrors, s.reducing ? JSON.stringify(s.reducing) : null,
    s.breaker ? JSON.stringify(s.breaker) : null, JSON.stringify(s.firedKeys), JSON.stringify(s.warnedKeys), s.updatedAt,
  ];
}

export function toState(r: Row): RiskStateRecord {
  return {
    tradingDay: String(r.trading_day), dayStartEquity: readNum(r.day_start_equity), highWaterMark: readNum(r.high_water_mark),
    realizedPnl: readNum(r.realized_pnl), consecutiveErrors: readNum(r.consecutive_errors),
    reducing: readJson<RiskStateRecord['reducing']>(r.reducing, null), breaker: readJson<RiskStateRecord['breaker']>(r.breaker, null),
    firedKeys: readJson<string[]>(r.fired_keys, []), warnedKeys: readJson<string[]>(r.warned_keys, []), updatedAt: String(r.updated_at),
  };
}
