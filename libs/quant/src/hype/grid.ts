/**
 * The interval grid every time series shares (collector snapshots, hype scores, analysis):
 * interval k covers [k·Δ, (k+1)·Δ) in epoch milliseconds, Δ = `minutes` minutes — so with 15 minutes
 * the slots start at :00, :15, :30 and :45 UTC, whichever process computes them.
 */
export function intervalMs(minutes: number): number {
  if (!(minutes > 0) || !Number.isFinite(minutes)) throw new RangeError(`interval must be a positive number of minutes, got ${minutes}`);
  return minutes * 60_000;
}

/** Index k of the interval containing `epochMs`: floor(epochMs / Δ). */
export function intervalIndex(epochMs: number, minutes: number): number {
  return Math.floor(epochMs / intervalMs(minutes));
}

/** Start of interval k (epoch ms). */
export function intervalStartMs(index: number, minutes: number): number {
  return index * intervalMs(minutes);
}

/**
 * The newest interval that has ended at least `settleMs` before `nowMs` — the one a cycle running
 * now scores. The settle time lets the sources catch up (X wants end_time ≥ 10 s in the past).
 */
export function lastCompleteInterval(nowMs: number, minutes: number, settleMs = 0): number {
  return intervalIndex(nowMs - settleMs, minutes) - 1;
}

/** Delay from `nowMs` until the next slot of the grid (a full interval when exactly on a slot). */
export function msUntilNextSlot(nowMs: number, minutes: number): number {
  const slot = intervalMs(minutes);
  return slot - (((nowMs % slot) + slot) % slot);
}
