/**
 * Aligning a market's Yes price with its hype on the shared interval grid (docs/analysis.md).
 * Interval k covers [k·Δ, (k+1)·Δ) (libs/quant grid); every series here is indexed k = fromK..toK − 1.
 */

/** One observed price: time (epoch ms) and price. */
export interface PriceObservation {
  readonly tMs: number;
  readonly price: number;
}

/** One interval's mention count (hype_scores.mentions) at its interval start (epoch ms). */
export interface MentionObservation {
  readonly intervalStartMs: number;
  readonly mentions: number;
}

/** The grid window: intervals fromK ≤ k < toK of `minutes` minutes. */
export interface GridWindow {
  readonly fromK: number;
  readonly toK: number;
  readonly minutes: number;
}

/** The two series the Granger tests read, index i ↔ interval fromK + i; NaN = missing. */
export interface AlignedSeries {
  /** x_k = ln(1 + mentions_k). */
  readonly cause: Float64Array;
  /** y_k = logit(P_k) − logit(P_{k−1}), P_k the Yes price of interval k. */
  readonly effect: Float64Array;
  /** Intervals where both are present. */
  readonly points: number;
}

/** Prices are clamped into [ε, 1 − ε] before the logit: ε = 0.001, the finest Polymarket tick. */
export const LOGIT_EPSILON = 0.001;

function gridLength(w: GridWindow): number {
  if (!Number.isInteger(w.fromK) || !Number.isInteger(w.toK) || w.toK < w.fromK) {
    throw new RangeError(`grid window must be whole interval indexes with fromK ≤ toK, got ${w.fromK}..${w.toK}`);
  }
  if (!(w.minutes > 0)) throw new RangeError(`grid minutes must be > 0, got ${w.minutes}`);
  return w.toK - w.fromK;
}

/**
 * The price of each interval: the EARLIEST observation inside [k·Δ, (k+1)·Δ) — the one closest to the
 * interval's start, as the collector's snapshot (ts = cycle time, just after the slot) and the CLOB history
 * point (t = the slot) both are. Observations may come from several sources in any order. NaN where an
 * interval has none (a gap is left a gap: never carried forward, which would fake a zero change).
 * Non-finite prices or prices outside [0, 1] are ignored.
 */
export function priceGrid(observations: readonly PriceObservation[], window: GridWindow): Float64Array {
  const n = gridLength(window);
  const out = new Float64Array(n).fill(Number.NaN);
  const firstT = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const slot = window.minutes * 60_000;
  for (const o of observations) {
    if (!Number.isFinite(o.tMs) || !Number.isFinite(o.price) || o.price < 0 || o.price > 1) continue;
    const i = Math.floor(o.tMs / slot) - window.fromK;
    if (i < 0 || i >= n || o.tMs >= firstT[i]) continue;
    firstT[i] = o.tMs;
    out[i] = o.price;
  }
  return out;
}

/** ln(1 + mentions) per interval; NaN for an interval the hype service did not score. */
export function mentionGrid(observations: readonly MentionObservation[], window: GridWindow): Float64Array {
  const n = gridLength(window);
  const out = new Float64Array(n).fill(Number.NaN);
  const slot = window.minutes * 60_000;
  for (const o of observations) {
    if (!Number.isFinite(o.mentions) || o.mentions < 0) continue;
    const i = Math.floor(o.intervalStartMs / slot) - window.fromK;
    if (i >= 0 && i < n) out[i] = Math.log1p(o.mentions);
  }
  return out;
}

export function logit(p: number): number {
  const q = Math.min(1 - LOGIT_EPSILON, Math.max(LOGIT_EPSILON, p));
  return Math.log(q / (1 - q));
}

/** y_k = logit(P_k) − logit(P_{k−1}); NaN at the first interval and wherever either price is missing. */
export function logitChanges(prices: Float64Array): Float64Array {
  const out = new Float64Array(prices.length).fill(Number.NaN);
  for (let i = 1; i < prices.length; i++) {
    const a = prices[i - 1];
    const b = prices[i];
    if (!Number.isNaN(a) && !Number.isNaN(b)) out[i] = logit(b) - logit(a);
  }
  return out;
}

/** Joins the Yes price and the mentions of one market on the grid. */
export function alignMarket(prices: readonly PriceObservation[], mentions: readonly MentionObservation[], window: GridWindow): AlignedSeries {
  const cause = mentionGrid(mentions, window);
  const effect = logitChanges(priceGrid(prices, window));
  let points = 0;
  for (let i = 0; i < cause.length; i++) if (!Number.isNaN(cause[i]) && !Number.isNaN(effect[i])) points++;
  return { cause, effect, points };
}
