export { Xoshiro128, MAX_BELOW } from './prng';
export { distributionOf, sortedQuantile, type Distribution } from './distribution';
export { dailyReturnsOf, type ClosedTrade, type PriceSeries } from './inputs';
export { blockBootstrapPaths, tradePaths, type PathSet, type TradeResampling } from './paths';
export { randomEntryNull, type RandomEntryNull } from './random-entry';
export { runMonteCarlo, type MethodResult, type MonteCarloOptions, type MonteCarloReport, type PathMetrics } from './monte-carlo';
