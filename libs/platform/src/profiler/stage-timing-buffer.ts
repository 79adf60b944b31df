import type { Logger } from 'pino';
import type { StageTimingRow, StageTimingSink } from './stage-timer';

/** Rows kept at most while the sink fails (the oldest go first): a dead database must not grow the heap. */
const MAX_BUFFERED_ROWS = 10_000;

/**
 * Rows of many short "cycles" (risk's decisions) written together every `intervalMs` in one insert, off the path
 * they time: `add` only pushes to an array. Flushed on `stop()` too.
 */
export class StageTimingBuffer {
  private rows: StageTimingRow[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> | null = null;

  constructor(private readonly sink: StageTimingSink, private readonly intervalMs: number, private readonly logger: Logger) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  add(rows: readonly StageTimingRow[]): void {
    for (const row of rows) this.rows.push(row);
    if (this.rows.length > MAX_BUFFERED_ROWS) this.rows.splice(0, this.rows.length - MAX_BUFFERED_ROWS);
  }

  get pending(): number {
    return this.rows.length;
  }

  /** Writes what is buffered in one insert; a failed write keeps the rows for the next interval. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.rows.length === 0) return Promise.resolve();
    const batch = this.rows;
    this.rows = [];
    this.flushing = (async () => {
      try {
        await this.sink.saveStageTimings(batch);
      } catch (err) {
        this.logger.warn({ err, metrics: { rows: batch.length } }, 'stage timings not stored; kept for the next interval');
        this.add(batch);
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flushing;
    await this.flush();
  }
}
