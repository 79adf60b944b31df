import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, EventBus, Heartbeat, KillSwitch, ROOT_LOGGER, ServiceMetrics, StageTimer, stageOutcomeOf } from '@polytrader/platform';
import { StageTimingStore } from '@polytrader/persistence';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { SignalsDatabase } from '../signals.database';
import { calendarEvents, ruleSettings, sizingSettings } from '@polytrader/decision';
import { SignalPass, SignalPassReport } from './signal-pass-runner';

/**
 * Runs signal passes one at a time (a cycle arriving during a pass waits for it), records each on the
 * heartbeat and keeps the last report for the status reply.
 */
@Injectable()
export class SignalsService implements OnApplicationBootstrap {
  private queue: Promise<unknown> = Promise.resolve();
  private last: SignalPassReport | null = null;
  private pass?: SignalPass;
  private readonly generated: Counter;
  private readonly suppressed: Counter;

  constructor(
    private readonly config: AppConfig,
    private readonly db: SignalsDatabase,
    private readonly bus: EventBus,
    private readonly killSwitch: KillSwitch,
    private readonly heartbeat: Heartbeat,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly metrics: ServiceMetrics,
  ) {
    this.generated = metrics.counter('polytrader_signals_generated_total', 'signal.generated events published by signal passes');
    this.suppressed = metrics.counter('polytrader_signals_suppressed_total', 'Signal proposals not published: sized to nothing, or the system halted');
  }

  onApplicationBootstrap(): void {
    this.heartbeat.contribute('signals', () => ({ lastPass: this.last }));
  }

  /** The report of the newest finished pass (null before the first). */
  lastReport(): SignalPassReport | null {
    return this.last;
  }

  /** One pass now (after any running one); resolves with its report. Errors propagate (the cycle is redelivered). */
  runPass(nowMs?: number): Promise<SignalPassReport> {
    const next = this.queue.then(() => this.runNow(nowMs));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(nowMs?: number): Promise<SignalPassReport> {
    // timed here, around the pass (its inner steps live in @polytrader/decision and the runner): stage `signals.total`
    const timer = new StageTimer({ service: 'signals', cycle: 'signals', metrics: this.metrics });
    const report = await this.signalPass().run(nowMs);
    // a halted pass did nothing: metrics only, no row
    await timer.flush(report.outcome === 'halted' ? null : new StageTimingStore(this.db.dataSource), this.logger, stageOutcomeOf(report.outcome), report.durationMs);
    this.last = report;
    this.generated.inc(report.published);
    this.suppressed.inc(report.suppressed + report.halted);
    this.heartbeat.recordCycle({ name: 'signals', at: report.startedAt, durationMs: report.durationMs, outcome: report.outcome });
    return report;
  }

  private signalPass(): SignalPass {
    this.pass ??= new SignalPass({
      stores: this.db.stores, publisher: this.bus, halt: this.killSwitch, logger: this.logger, rules: ruleSettings(this.config),
      sizing: sizingSettings(this.config), events: calendarEvents(this.config), initialEquity: this.config.portfolio.initial_equity, source: 'signals',
    });
    return this.pass;
  }
}
