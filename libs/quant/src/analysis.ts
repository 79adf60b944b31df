/**
 * Statistics for hype → price analysis and position sizing (issue 6): correlation, OLS, Granger F tests,
 * Benjamini–Hochberg, F/t distributions, fractional Kelly and exposure limits. Pure; see docs/quant.md.
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
