import type { DecisionRecord, OrderRecord, PositionState, RiskCommit, RiskStateRecord, TradeRecord } from '../stores/risk.records';

/** Builders of risk records for specs: one open BUY of 100 shares at 0.5 in market m1, unless overridden. */
export const RISK_T0 = '2026-11-30T10:00:00.000Z';

export const riskState = (over: Partial<RiskStateRecord> = {}): RiskStateRecord => ({
  tradingDay: '2026-11-30', dayStartEquity: 1000, highWaterMark: 1000, realizedPnl: 0, consecutiveErrors: 0, reducing: null, breaker: null,
  firedKeys: [], warnedKeys: [], updatedAt: RISK_T0, ...over,
});

export const riskDecision = (signalId: string, ts = RISK_T0): DecisionRecord => ({
  signalId, decision: 'approved', marketId: 'm1', tradingState: 'ACTIVE', reasons: ['all checks passed'], size: 50, ts,
  signal: { id: signalId, side: 'BUY', price: 0.5 },
});

export const riskOrder = (orderId: string, over: Partial<OrderRecord> = {}): OrderRecord => ({
  orderId, signalId: orderId, tradeId: 't1', marketId: 'm1', tokenId: 'tok1', side: 'BUY', intent: 'open', trigger: 'signal',
  requestedNotional: 50, requestedSize: null, filledSize: 100, avgPrice: 0.5, notional: 50, fees: 0.1, realizedPnl: -0.1, status: 'filled',
  fills: [[0.5, 100]], error: null, mode: 'paper', ts: RISK_T0, ...over,
});

export const riskTrade = (over: Partial<TradeRecord> = {}): TradeRecord => ({
  tradeId: 't1', marketId: 'm1', tokenId: 'tok1', side: 'BUY', size: 100, price: 0.5, fees: 0.1, realizedPnl: null, mode: 'paper', status: 'open',
  openedAt: RISK_T0, closedAt: null, ...over,
});

export const riskPosition = (over: Partial<PositionState> = {}): PositionState => ({
  marketId: 'm1', tokenId: 'tok1', tradeId: 't1', outcome: 'Yes', sector: 'politics', side: 'BUY', size: 100, avgPrice: 0.5, cost: 50,
  markPrice: 0.6, unrealizedPnl: 0, markedAt: RISK_T0, fees: 0.1, realizedPnl: -0.1, openedAt: RISK_T0, updatedAt: RISK_T0, ...over,
});

/** Signal s1 opens the position. */
export const riskOpenStep = (): RiskCommit => ({
  decision: riskDecision('s1'), orders: [riskOrder('s1')], trades: [riskTrade()], positions: { upsert: [riskPosition()], remove: [] },
  state: riskState({ realizedPnl: -0.1 }),
});
