import { QuantInputError } from '../stats/errors';
import { Series, assertNoInfinity, assertSameLength } from '../stats/series-input';

/**
 * Performance metrics over a series of simple returns per period (0.01 = +1 %), with empyrical's definitions
 * (quantopian/empyrical 0.5.5, `empyrical/stats.py`) and its NaN rules, so a user can check our figures against
 * empyrical / pyfolio. See docs/quant.md "Performance metrics".
 *
 * NaN is a missing period, exactly as empyrical treats it: compounding skips it (a 0 return), means and standard
 * deviations leave it out, but it still counts in the series length wherever empyrical uses `len(returns)`
 * (the years of `annualReturn`, the "fewer than 2 periods" guards). ±Infinity is refused (libs/quant convention).
 */

/** empyrical's periods and their default annualization factors (`ANNUALIZATION_FACTORS`). */
export const ANNUALIZATION_FACTORS = { daily: 252, weekly: 52, monthly: 12, yearly: 1 } as const;

export type ReturnPeriod = keyof typeof ANNUALIZATION_FACTORS;

export interface AnnualizationOptions {
  /** Periodicity of the returns; picks the default factor (252 / 52 / 12 / 1). Default daily. */
  readonly period?: ReturnPeriod;
  /**
   * Periods per year, overriding `period`. The project's own backtest passes 365: prediction markets trade
   * every calendar day, so 252 (stock-exchange days) would understate annual figures.
   */
  readonly annualization?: number;
}

/** The factor empyrical's `annualization_factor(period, annualization)` returns; a bad value throws. */
export function annualizationFactor(options: AnnualizationOptions = {}): number {
  if (options.annualization !== undefined) {
    const a = options.annualization;
    if (!Number.isFinite(a) || a <= 0) throw new QuantInputError('BAD_PARAMETER', `annualization must be a finite number > 0 (periods per year), got ${a}`);
    return a;
  }
  const period = options.period ?? 'daily';
  if (!Object.prototype.hasOwnProperty.call(ANNUALIZATION_FACTORS, period)) {
    throw new QuantInputError('BAD_PARAMETER', `period must be one of ${Object.keys(ANNUALIZATION_FACTORS).join(', ')}, got "${String(period)}"`);
  }
  return ANNUALIZATION_FACTORS[period];
}

/** A per-period threshold (risk-free rate, required return): one number for every period, or a series aligned with the returns. */
export type PerPeriodRate = number | Series;

function checkReturns(returns: Series): void {
  assertNoInfinity(returns, 'returns');
}

/** returns − rate, element-wise; a NaN on either side gives NaN (a missing period), as numpy's subtraction does. */
function adjusted(returns: Series, rate: PerPeriodRate, rateName: string): Float64Array {
  const out = new Float64Array(returns.length);
  if (typeof rate === 'number') {
    if (rate === Infinity || rate === -Infinity) throw new QuantInputError('NON_FINITE', `${rateName} is ${rate}`);
    for (let i = 0; i < returns.length; i++) out[i] = returns[i] - rate;
  } else {
    assertSameLength(returns, rate, 'returns', rateName);
    assertNoInfinity(rate, rateName);
    for (let i = 0; i < returns.length; i++) out[i] = returns[i] - rate[i];
  }
  return out;
}

/** numpy.nanmean: the mean of the non-NaN values; NaN when there are none. */
function nanMean(xs: Series): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}

/** numpy.nanstd(ddof = 1), two-pass (mean, then centred squares): NaN with fewer than 2 non-NaN values. */
function nanStdSample(xs: Series): number {
  const mean = nanMean(xs);
  let ss = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (!Number.isNaN(v)) {
      ss += (v - mean) * (v - mean);
      n++;
    }
  }
  return n < 2 ? NaN : Math.sqrt(ss / (n - 1));
}

/**
 * empyrical `cum_returns`: the compounded return up to each period, (1 + r₁)…(1 + rₜ) − 1, or that growth times
 * `startingValue` when it is not 0 (a value curve). A NaN period is a 0 return. Empty in, empty out.
 */
export function cumReturns(returns: Series, startingValue = 0): Float64Array {
  checkReturns(returns);
  const out = new Float64Array(returns.length);
  let growth = 1;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i];
    if (!Number.isNaN(r)) growth *= 1 + r;
    out[i] = startingValue === 0 ? growth - 1 : growth * startingValue;
  }
  return out;
}

/**
 * empyrical `cum_returns_final`: the total compounded return (NaN periods skipped), or the final value from
 * `startingValue`. Empty → NaN; all-NaN → 0 (empyrical's `nanprod` of nothing is 1).
 */
export function cumReturnsFinal(returns: Series, startingValue = 0): number {
  checkReturns(returns);
  if (returns.length === 0) return NaN;
  let growth = 1;
  for (let i = 0; i < returns.length; i++) if (!Number.isNaN(returns[i])) growth *= 1 + returns[i];
  return startingValue === 0 ? growth - 1 : growth * startingValue;
}

/** Alias: the total return of the series, as `cumReturnsFinal(returns)`. */
export const totalReturn = (returns: Series): number => cumReturnsFinal(returns);

/**
 * empyrical `annual_return` (= `cagr`): compound annual growth rate, (1 + total)^(1/years) − 1 where
 * years = length / annualization; the length counts NaN periods. Empty → NaN.
 */
export function annualReturn(returns: Series, options: AnnualizationOptions = {}): number {
  checkReturns(returns);
  if (returns.length < 1) return NaN;
  const years = returns.length / annualizationFactor(options);
  const ending = cumReturnsFinal(returns, 1);
  return Math.pow(ending, 1 / years) - 1;
}

/** Alias of `annualReturn`, as empyrical's `cagr`. */
export const cagr = annualReturn;

/** empyrical `annual_volatility`: sample standard deviation (ddof 1, NaN left out) × √annualization. Fewer than 2 periods → NaN. */
export function annualVolatility(returns: Series, options: AnnualizationOptions = {}): number {
  checkReturns(returns);
  if (returns.length < 2) return NaN;
  const factor = annualizationFactor(options);
  return nanStdSample(returns) * Math.sqrt(factor);
}

/**
 * empyrical `sharpe_ratio`: mean(r − rf) / std(r − rf, ddof 1) × √annualization, NaN periods left out. `riskFree`
 * is per period (a daily rate for daily returns), a number or an aligned series. Fewer than 2 periods → NaN.
 * A zero standard deviation divides as IEEE does, as empyrical's numpy division: ±Infinity, or NaN when the mean is 0 too.
 */
export function sharpeRatio(returns: Series, riskFree: PerPeriodRate = 0, options: AnnualizationOptions = {}): number {
  checkReturns(returns);
  if (returns.length < 2) return NaN;
  const excess = adjusted(returns, riskFree, 'riskFree');
  const factor = annualizationFactor(options);
  return (nanMean(excess) / nanStdSample(excess)) * Math.sqrt(factor);
}

/**
 * empyrical `downside_risk`: √mean(min(r − required, 0)²) × √annualization, NaN periods left out (the mean is over
 * every non-NaN period, not only the losing ones). Empty → NaN.
 */
export function downsideRisk(returns: Series, requiredReturn: PerPeriodRate = 0, options: AnnualizationOptions = {}): number {
  checkReturns(returns);
  if (returns.length < 1) return NaN;
  const factor = annualizationFactor(options);
  const below = adjusted(returns, requiredReturn, 'requiredReturn');
  for (let i = 0; i < below.length; i++) {
    const d = below[i];
    if (!Number.isNaN(d)) below[i] = d < 0 ? d * d : 0;
  }
  return Math.sqrt(nanMean(below)) * Math.sqrt(factor);
}

/**
 * empyrical `sortino_ratio`: mean(r − required) × annualization / downsideRisk(r, required). Fewer than 2
 * periods → NaN; no period below the required return → +Infinity (or NaN when the mean excess is 0 too).
 */
export function sortinoRatio(returns: Series, requiredReturn: PerPeriodRate = 0, options: AnnualizationOptions = {}): number {
  checkReturns(returns);
  if (returns.length < 2) return NaN;
  const factor = annualizationFactor(options);
  const averageAnnual = nanMean(adjusted(returns, requiredReturn, 'requiredReturn')) * factor;
  return averageAnnual / downsideRisk(returns, requiredReturn, options);
}

/**
 * empyrical `max_drawdown`: the deepest fall of the value curve from its running peak, as a fraction ≤ 0. The
 * curve starts at 1 before the first period, so a first-period loss is a drawdown. NaN periods are 0 returns.
 * Empty → NaN.
 */
export function maxDrawdown(returns: Series): number {
  checkReturns(returns);
  if (returns.length < 1) return NaN;
  let value = 1;
  let peak = 1;
  let worst = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i];
    if (!Number.isNaN(r)) value *= 1 + r;
    if (value > peak) peak = value;
    const dd = (value - peak) / peak;
    if (dd < worst) worst = dd;
  }
  return worst;
}

/**
 * empyrical `calmar_ratio`: annualReturn / |maxDrawdown|; NaN when there was no drawdown (maxDrawdown ≥ 0 or NaN)
 * or when the ratio is infinite.
 */
export function calmarRatio(returns: Series, options: AnnualizationOptions = {}): number {
  const dd = maxDrawdown(returns);
  if (!(dd < 0)) return NaN;
  const ratio = annualReturn(returns, options) / Math.abs(dd);
  return ratio === Infinity || ratio === -Infinity ? NaN : ratio;
}

export interface ReturnSeriesSummaryOptions extends AnnualizationOptions {
  /** per-period risk-free rate for the Sharpe ratio (default 0) */
  readonly riskFree?: PerPeriodRate;
  /** per-period minimum acceptable return for the Sortino ratio and downside risk (default 0) */
  readonly requiredReturn?: PerPeriodRate;
}

/** Every return-series metric at once (what `polytrader stats` prints and the backtest stores). */
export interface ReturnSeriesSummary {
  /** periods in the series, NaN ones included */
  readonly periods: number;
  /** NaN (missing) periods */
  readonly missing: number;
  readonly annualization: number;
  readonly totalReturn: number;
  readonly annualReturn: number;
  readonly annualVolatility: number;
  readonly sharpeRatio: number;
  readonly sortinoRatio: number;
  readonly downsideRisk: number;
  readonly maxDrawdown: number;
  readonly calmarRatio: number;
}

export function summarizeReturns(returns: Series, options: ReturnSeriesSummaryOptions = {}): ReturnSeriesSummary {
  const annualization = annualizationFactor(options);
  const ann = { annualization };
  let missing = 0;
  for (let i = 0; i < returns.length; i++) if (Number.isNaN(returns[i])) missing++;
  return {
    periods: returns.length,
    missing,
    annualization,
    totalReturn: cumReturnsFinal(returns),
    annualReturn: annualReturn(returns, ann),
    annualVolatility: annualVolatility(returns, ann),
    sharpeRatio: sharpeRatio(returns, options.riskFree ?? 0, ann),
    sortinoRatio: sortinoRatio(returns, options.requiredReturn ?? 0, ann),
    downsideRisk: downsideRisk(returns, options.requiredReturn ?? 0, ann),
    maxDrawdown: maxDrawdown(returns),
    calmarRatio: calmarRatio(returns, ann),
  };
}
