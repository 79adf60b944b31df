/**
 * Indicators of the signal rules (docs/signals.md). Series are points on the shared interval grid,
 * keyed by interval index k (see hype/grid.ts); every function is pure and total: missing or
 * non-finite data gives null, never NaN.
 */

/** A value at interval k of the grid. */
export interface GridPoint {
  readonly k: number;
  readonly value: number;
}

/** The newest point with index ≤ k and ≥ k − maxBack (points ascending by k), or null. */
export function pointAtOrBefore(points: readonly GridPoint[], k: number, maxBack: number): GridPoint | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p.k > k) continue;
    return p.k >= k - maxBack && Number.isFinite(p.value) ? p : null;
  }
  return null;
}

/** Relative rate of change (now − then) / then; null when `then` is not a positive finite number. */
export function rateOfChange(then: number, now: number): number | null {
  if (!(then > 0) || !Number.isFinite(then) || !Number.isFinite(now)) return null;
  return (now - then) / then;
}

export interface WindowChange {
  /** index of the newest point */
  readonly k: number;
  readonly now: number;
  readonly then: number;
  /** intervals actually spanned (k − index of `then`) */
  readonly span: number;
}

/**
 * The newest point and the one `window` intervals earlier (or the newest before that, at most `window`
 * further back — a missed cycle must not hide a move). Null without both.
 */
export function windowChange(points: readonly GridPoint[], window: number): WindowChange | null {
  const last = points.length ? points[points.length - 1] : null;
  if (!last || !Number.isFinite(last.value) || !(window >= 1)) return null;
  const then = pointAtOrBefore(points, last.k - window, window);
  return then ? { k: last.k, now: last.value, then: then.value, span: last.k - then.k } : null;
}

/**
 * Relative volume ratio from two readings of Gamma's rolling 24-hour volume, `gap` intervals apart, on a
 * grid of `perDay` intervals a day. Between the readings V24 gained the new intervals' volume v and lost
 * the volume of the `gap` intervals that left the window; that lost volume is estimated by the window's
 * mean, V24_prev·gap/perDay. So the volume per new interval is ≈ (ΔV24 + gap·V24_prev/perDay)/gap and,
 * over the trailing mean V24_prev/perDay:
 *   RVR = 1 + perDay·ΔV24 / (gap·V24_prev)       (clamped at 0)
 * 1 is an ordinary interval; 2 is twice the trailing 24-hour mean. Null without a positive V24_prev.
 */
export function relativeVolumeRatio(previous24h: number | null, current24h: number | null, gap: number, perDay: number): number | null {
  if (previous24h === null || current24h === null || !(previous24h > 0) || !Number.isFinite(previous24h) || !Number.isFinite(current24h)) return null;
  if (!(gap >= 1) || !(perDay >= 1) || !Number.isFinite(gap) || !Number.isFinite(perDay)) return null;
  const rvr = 1 + (perDay * (current24h - previous24h)) / (gap * previous24h);
  return rvr > 0 ? rvr : 0;
}

/** RVR of the newest two volume readings (ascending by k), when they are at most `maxGap` intervals apart. */
export function latestRelativeVolume(points: readonly GridPoint[], perDay: number, maxGap: number): number | null {
  if (points.length < 2) return null;
  const cur = points[points.length - 1];
  const prev = points[points.length - 2];
  const gap = cur.k - prev.k;
  if (gap < 1 || gap > maxGap) return null;
  return relativeVolumeRatio(prev.value, cur.value, gap, perDay);
}
