import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, EventBus, Heartbeat, KillSwitch, PeriodicJob, ROOT_LOGGER, ServiceMetrics, serveRunNow } from '@polytrader/platform';
import { StageTimingStore } from '@polytrader/persistence';
import type { Subscription } from 'nats';
import type { Logger } from 'pino';
import { AnalyzerDatabase } from '../analyzer.database';
import { AnalysisReport, AnalysisRun } from './analysis-run';
import { MAX_TIMER_MS, missedRun, nextCronTime } from './cron';

/** A timer that fired before its cron time (a delay above the timer ceiling was capped): not a run. */
type Outcome = AnalysisReport | 'not-due';

/**
 * Runs the analysis at the times of `analysis.schedule` (cron, UTC). Halted → no run (the kill switch aborts a
 * running one and nothing is scheduled until system.reset); the heartbeat's lastCycle records each run.
 */
@Injectable()
export class AnalysisScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob<Outcome>;
  private due = 0;
  private catchUp = false;
  private last: AnalysisReport | null = null;
  private runNow?: Subscription;

  constructor(
    private readonly config: AppConfig,
    private readonly db: AnalyzerDatabase,
    private readonly bus: EventBus,
    killSwitch: KillSwitch,
    private readonly heartbeat: Heartbeat,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly metrics: ServiceMetrics,
  ) {
    this.job = new PeriodicJob<Outcome>({
      name: 'analysis run', killSwitch, logger,
      run: (signal) => (Date.now() < this.due ? Promise.resolve('not-due' as const) : this.analyze(signal)),
      nextDelayMs: () => this.nextDelay(),
      // a catch-up that found nothing to test yet (a first start: no aligned history) looks again soon
      retryDelayMs: (r) => (this.catchUp && r !== 'not-due' && r?.tested === 0 ? this.catchUpDelay() : null),
      firstDelayMs: () => (this.catchUp ? this.catchUpDelay() : this.nextDelay()),
      onDone: (r) => {
        if (r === 'not-due') return;
        this.last = r;
        if (r.tested > 0) this.catchUp = false;
        heartbeat.recordCycle({ name: 'analysis', at: r.ts, durationMs: r.durationMs, outcome: r.failedPublishes ? 'partial' : 'completed' });
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { schedule } = this.config.analysis;
    nextCronTime(schedule, Date.now()); // a bad expression stops start-up here, named
    this.catchUp = missedRun(schedule, await this.db.stores.results.latestRunTs(), Date.now());
    if (this.catchUp) this.logger.info(`no analysis since the last scheduled time: one runs in ${this.config.analysis.catch_up_delay_s} s`);
    if (this.config.hype.interval_minutes !== this.config.data_collection.interval_minutes) {
      this.logger.warn('hype.interval_minutes differs from data_collection.interval_minutes: the analysis grid follows data_collection');
    }
    this.heartbeat.contribute('analysis', () => ({
      schedule: this.config.analysis.schedule, nextRun: this.due ? new Date(this.due).toISOString() : null,
      lastRun: this.last && { runId: this.last.runId, tested: this.last.tested, skipped: this.last.skipped, microstructure: this.last.microstructure },
    }));
    this.job.start();
    // POST /api/analyze: one run now, answered at once (a run takes longer than an HTTP caller should wait)
    this.runNow = serveRunNow(this.bus.nc, 'analyzer', () => this.job.startNow(() => this.runOnce()), this.logger);
  }

  onApplicationShutdown(): void {
    this.runNow?.unsubscribe();
    this.job.stop();
  }

  /** One run now (also between scheduled times), unless halted or one is already running (then null). */
  async runOnce(): Promise<AnalysisReport | null> {
    const saved = this.due;
    this.due = 0;
    try {
      const r = await this.job.runOnce();
      return r === 'not-due' ? null : r;
    } finally {
      this.due = saved;
    }
  }

  private catchUpDelay(): number {
    const delay = this.config.analysis.catch_up_delay_s * 1000;
    this.due = Date.now() + delay;
    return delay;
  }

  private nextDelay(): number {
    const now = Date.now();
    this.due = nextCronTime(this.config.analysis.schedule, now);
    return Math.min(this.due - now, MAX_TIMER_MS);
  }

  private analyze(signal: AbortSignal): Promise<AnalysisReport> {
    return new AnalysisRun({
      stores: this.db.stores, config: this.config.analysis, intervalMinutes: this.config.data_collection.interval_minutes,
      publisher: this.bus, logger: this.logger, source: 'analyzer',
      timings: new StageTimingStore(this.db.dataSource), metrics: this.metrics,
    }).run(signal);
  }
}
