// Risk: pre-trade checks, risk math, the paper fill model, the engine and the ports it works through
export { CHECKS, runPreTradeChecks, type CheckInput, type CheckLimits, type TradingStateName } from './risk/pre-trade-checks';
export { equityOf, fmt, pctOf } from './risk/risk-math';
export { paperFill, type BookSides, type PaperFillOptions } from './risk/paper-fill';
export { PaperBroker, type PaperBrokerOptions } from './risk/paper-broker';
export { VenueHaltedError, type ExecutionVenue, type HaltCheck, type VenueFill, type VenueOrder } from './risk/execution-venue';
export type { MarketData, MarketView } from './risk/market-view';
export {
  RiskEngine, decisionEvent, decisionInputs, markOf, tradeEvent, type EngineConfig, type HaltView, type Metrics, type OutEvent, type RiskStep,
} from './risk/risk-engine';

// Signals: a pass's inputs (read through the SignalStores port) and its decision
export type { SignalStores } from './signals/ports';
export { currentEquity, loadPassInputs, onGrid, toAnalysisSummary, type PassInputs } from './signals/signal-inputs';
export { decideSignals, signalRecord, type SignalDecisionOptions, type SignalDecisions, type DecidedSignal } from './signals/signal-pass';

// Settings: every decision setting from the config, one mapping for the services and the backtest
export {
  calendarEvents, canonicalJson, decisionConfigHash, riskEngineConfig, ruleSettings, sizingSettings, type DecisionConfig,
} from './settings';

// Backtest: the same decisions over what was observed, replayed in order of observation
export { collectionCycles, type Observations } from './backtest/observations';
export { PointInTimeWorld } from './backtest/world';
export { dailyReturnsOf, runBacktest, type BacktestMetrics, type BacktestOptions, type BacktestResult, type BrierFigure, type EquityPoint } from './backtest/backtest';
