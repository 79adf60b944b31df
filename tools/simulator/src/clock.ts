/**
 * The simulator's grid, 15 minutes by default (the demo runs a 1-minute one). Interval k covers
 * [anchor + k·interval, anchor + (k+1)·interval).
 */
export const INTERVAL_MS = 15 * 60 * 1000;

export class SimClock {
  /** Start time floored to the interval (epoch ms): interval 0 begins here. */
  readonly anchorMs: number;

  constructor(
    private readonly nowFn: () => number,
    /** length of one interval (ms), default 15 minutes */
    readonly intervalMs: number = INTERVAL_MS,
  ) {
    this.anchorMs = Math.floor(nowFn() / intervalMs) * intervalMs;
  }

  now(): number {
    return this.nowFn();
  }

  /** Index of the interval containing `ms`. */
  indexAt(ms: number): number {
    return Math.floor((ms - this.anchorMs) / this.intervalMs);
  }

  /** Index of the interval containing now; the series end here and grow as time passes. */
  current(): number {
    return this.indexAt(this.now());
  }

  startOf(k: number): number {
    return this.anchorMs + k * this.intervalMs;
  }
}
