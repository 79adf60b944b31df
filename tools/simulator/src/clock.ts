/** The simulator's 15-minute grid. Interval k covers [anchor + k·15 min, anchor + (k+1)·15 min). */
export const INTERVAL_MS = 15 * 60 * 1000;

export class SimClock {
  /** Start time floored to 15 minutes (epoch ms): interval 0 begins here. */
  readonly anchorMs: number;

  constructor(private readonly nowFn: () => number) {
    this.anchorMs = Math.floor(nowFn() / INTERVAL_MS) * INTERVAL_MS;
  }

  now(): number {
    return this.nowFn();
  }

  /** Index of the interval containing `ms`. */
  indexAt(ms: number): number {
    return Math.floor((ms - this.anchorMs) / INTERVAL_MS);
  }

  /** Index of the interval containing now; the series end here and grow as time passes. */
  current(): number {
    return this.indexAt(this.now());
  }

  startOf(k: number): number {
    return this.anchorMs + k * INTERVAL_MS;
  }
}
