import type { Logger } from 'pino';
import { cycleMetrics } from '../metrics/platform-families';
import type { ServiceMetrics } from '../metrics/service-metrics';

/** How a stage ended: ok, or failed (its function threw, an abort included). */
export type StageOutcome = 'ok' | 'failed';

/** The stage name of a cycle's whole duration, beside its stages (the CLI's "share of the cycle" divides by it). */
export const TOTAL_STAGE = 'total';

/** One row of `stage_timings`: how long one stage of one cycle of one service took. */
export interface StageTimingRow {
  readonly service: string;
  /** the cycle's name: collection, hype, analysis, quality, signals, risk, notify */
  readonly cycle: string;
  /** the cycle's id (collection: its start ISO time; risk: the signal id), unique per service and cycle name */
  readonly cycleId: string;
  /** ISO start of the cycle: the retention cutoff and the order of `--last N` */
  readonly startedAt: string;
  readonly stage: string;
  readonly durationMs: number;
  readonly outcome: StageOutcome;
}

/** Where a cycle's rows go: one call per cycle (or per interval), one insert (libs/persistence StageTimingStore). */
export interface StageTimingSink {
  saveStageTimings(rows: readonly StageTimingRow[]): Promise<unknown>;
}

export interface StageTimerOptions {
  readonly service: string;
  readonly cycle: string;
  /** default: the ISO time of the timer's start */
  readonly cycleId?: string;
  /** ISO start of the cycle, when the caller has it already (its cycle id is its start); default: now */
  readonly startedAt?: string;
  /** observed in polytrader_cycle_duration_seconds{stage="<cycle>.<stage>"}; none in once-mode tools */
  readonly metrics?: ServiceMetrics;
  /** the clock of the start time and of the durations (tests); default Date.now for the start, performance.now for durations (sub-ms stages add up) */
  readonly now?: () => number;
}

/**
 * Times the stages of one cycle: `time(stage, fn)` adds to the stage's duration; `finish()` observes each stage
 * once in the cycle histogram (stage label `<cycle>.<stage>`, one observation per stage and cycle) and gives the
 * rows with the cycle's total; `flush(sink)` does that and writes them in ONE insert. A stage timed many times in
 * a cycle (the same host fetched in two steps, sentiment per post) adds up into one row; one that failed once
 * stays failed. Timing costs two clock reads and a map update: cheap enough for any stage.
 */
export class StageTimer {
  readonly service: string;
  readonly cycle: string;
  readonly cycleId: string;
  readonly startedAt: string;
  private readonly startMark: number;
  private readonly now: () => number;
  private finished = false;
  private readonly histogram?: ReturnType<typeof cycleMetrics>;
  private readonly stages = new Map<string, { durationMs: number; outcome: StageOutcome }>();

  constructor(options: StageTimerOptions) {
    this.now = options.now ?? (() => performance.now());
    this.startMark = this.now();
    this.service = options.service;
    this.cycle = options.cycle;
    this.startedAt = options.startedAt ?? new Date(options.now ? this.startMark : Date.now()).toISOString();
    this.cycleId = options.cycleId ?? this.startedAt;
    if (options.metrics) this.histogram = cycleMetrics(options.metrics);
  }

  /** Runs `fn` as stage `stage`; its result or error passes through unchanged. */
  async time<T>(stage: string, fn: () => Promise<T> | T): Promise<T> {
    const start = this.now();
    try {
      const result = await fn();
      this.record(stage, this.now() - start, 'ok');
      return result;
    } catch (err) {
      this.record(stage, this.now() - start, 'failed');
      throw err;
    }
  }

  /** The same for synchronous work (parsing), without a promise in between. */
  timeSync<T>(stage: string, fn: () => T): T {
    const start = this.now();
    try {
      const result = fn();
      this.record(stage, this.now() - start, 'ok');
      return result;
    } catch (err) {
      this.record(stage, this.now() - start, 'failed');
      throw err;
    }
  }

  record(stage: string, durationMs: number, outcome: StageOutcome = 'ok'): void {
    if (stage === TOTAL_STAGE) throw new Error(`stage name "${TOTAL_STAGE}" is the cycle's own; name the stage`);
    const ms = Math.max(0, durationMs);
    const seen = this.stages.get(stage);
    this.stages.set(stage, { durationMs: (seen?.durationMs ?? 0) + ms, outcome: seen?.outcome === 'failed' ? 'failed' : outcome });
  }

  /** Milliseconds since the timer started. */
  elapsedMs(): number {
    return this.now() - this.startMark;
  }

  /** Observes every stage once in polytrader_cycle_duration_seconds (a second call observes nothing) and gives the rows. */
  finish(totalOutcome: StageOutcome = 'ok', totalMs = this.elapsedMs()): StageTimingRow[] {
    if (!this.finished) {
      this.finished = true;
      for (const [stage, s] of this.stages) this.histogram?.observe({ stage: `${this.cycle}.${stage}`, outcome: s.outcome }, s.durationMs / 1000);
    }
    return this.rows(totalOutcome, totalMs);
  }

  /**
   * The cycle's rows: one per stage and the `total` row (time since the start, or `totalMs`). The total's
   * outcome is the cycle's (completed/partial/aborted/failed map to ok/failed by `cycleOutcome`).
   */
  rows(totalOutcome: StageOutcome = 'ok', totalMs = this.elapsedMs()): StageTimingRow[] {
    const base = { service: this.service, cycle: this.cycle, cycleId: this.cycleId, startedAt: this.startedAt };
    const rows: StageTimingRow[] = [...this.stages].map(([stage, s]) => ({ ...base, stage, durationMs: s.durationMs, outcome: s.outcome }));
    rows.push({ ...base, stage: TOTAL_STAGE, durationMs: Math.max(0, totalMs), outcome: totalOutcome });
    return rows;
  }

  /**
   * `finish()`, then the cycle's rows in one insert (no sink: metrics only — once-mode, or an aborted cycle that
   * stores nothing). A failed write is logged, never thrown: timings must not fail the cycle they measure. The
   * total is not observed in the histogram here: the heartbeat's recordCycle observes the cycle as `<cycle>`.
   */
  async flush(sink: StageTimingSink | null | undefined, logger: Logger, totalOutcome: StageOutcome = 'ok', totalMs?: number): Promise<void> {
    const rows = this.finish(totalOutcome, totalMs);
    if (!sink) return;
    try {
      await sink.saveStageTimings(rows);
    } catch (err) {
      logger.warn({ err, metrics: { cycle: this.cycle, cycleId: this.cycleId } }, 'stage timings not stored');
    }
  }
}

/** A cycle's outcome word (completed, partial, aborted, failed, …) as a stage outcome. */
export function stageOutcomeOf(outcome: string | undefined): StageOutcome {
  return outcome === undefined || outcome === 'completed' || outcome === 'partial' || outcome === 'ok' ? 'ok' : 'failed';
}
