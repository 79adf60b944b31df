/**
 * Statistics for hype → price analysis and position sizing (issue 6): correlation, OLS, Granger F tests,
 * Benjamini–Hochberg, F/t distributions, fractional Kelly and exposure limits, and the empyrical-compatible
 * performance metrics (returns, trades, Brier score). Pure; see docs/quant.md.
 */
export { QuantInputError, type QuantInputErrorCode } from './stats/errors';
export type { Series } from './stats/series-input';
export { fCdf, fUpperTail, studentTCdf, studentTTwoSided } from './stats/distributions';
export { pearson, pearsonPValue, laggedCrossCorrelation, type LaggedCorrelation } from './stats/correlation';
export { ols, type OlsOptions, type OlsResult } from './stats/ols';
export { grangerTest, grangerLags, type GrangerResult } from './stats/granger';
export { benjaminiHochberg } from './stats/multiple-testing';
export { fullKelly, fractionalKelly, kellyStake, type KellySide, type KellyInput, type KellyStake } from './sizing/kelly';
export {
  SectorLimiter,
  allowedOrderSize,
  sectorLimit,
  type ExposureLimits,
  type Exposures,
  type OrderRequest,
  type SizeDecision,
  type SizeLimit,
} from './sizing/sector-limiter';
export {
  ANNUALIZATION_FACTORS,
  annualizationFactor,
  cumReturns,
  cumReturnsFinal,
  totalReturn,
  annualReturn,
  cagr,
  annualVolatility,
  sharpeRatio,
  sortinoRatio,
  downsideRisk,
  maxDrawdown,
  calmarRatio,
  summarizeReturns,
  type AnnualizationOptions,
  type PerPeriodRate,
  type ReturnPeriod,
  type ReturnSeriesSummary,
  type ReturnSeriesSummaryOptions,
} from './performance/return-metrics';
export { winRate, profitFactor, exposure, turnover, type ClosedTradeOutcome, type TimeWindow } from './performance/trade-metrics';
export { brierScore } from './performance/brier';
