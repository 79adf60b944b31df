/** Realized volatility of a price series sampled on a regular grid. */
export interface RealizedVolatility {
  /** √(mean r²) over the returns used, scaled by √periodsPerUnit; NaN with fewer than 2 returns. */
  readonly volatility: number;
  /** Returns used: consecutive grid points both present. */
  readonly returns: number;
}

/**
 * Realized volatility of `prices` (one value per grid interval, NaN = missing): the returns are the
 * price differences between consecutive intervals that are both present (a gap is skipped, never
 * bridged), RV = √(Σ r² / n) · √periodsPerUnit — the root mean square, not demeaned (a drift over a
 * day is part of the risk). Differences, not log returns: prediction-market prices live in (0, 1), where
 * log returns of a 0.02 price explode while a 0.01 move means the same money per share everywhere.
 */
export function realizedVolatility(prices: ArrayLike<number>, periodsPerUnit = 1): RealizedVolatility {
  if (!(periodsPerUnit > 0) || !Number.isFinite(periodsPerUnit)) throw new RangeError(`periodsPerUnit must be a finite number > 0, got ${periodsPerUnit}`);
  let sum = 0;
  let n = 0;
  for (let i = 1; i < prices.length; i++) {
    const a = prices[i - 1];
    const b = prices[i];
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    if (!Number.isFinite(a) || !Number.isFinite(b)) throw new RangeError(`prices[${Number.isFinite(a) ? i : i - 1}] is not finite; use NaN for a missing value`);
    sum += (b - a) ** 2;
    n++;
  }
  return { volatility: n >= 2 ? Math.sqrt((sum / n) * periodsPerUnit) : NaN, returns: n };
}
