import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, EventBus, Heartbeat, KillSwitch, PeriodicJob, ROOT_LOGGER, ServiceMetrics, serveRunNow } from '@polytrader/platform';
import { StageTimingStore } from '@polytrader/persistence';
import type { Subscription } from 'nats';
import { msUntilNextSlot } from '@polytrader/quant';
import type { Logger } from 'pino';
import { CollectorApis } from '../collector.apis';
import { CollectorDatabase } from '../collector.database';
import { CollectionCycle, CycleReport } from './collection-cycle';

const FIRST_RUN_DELAY_MS = 1000;

/**
 * Runs a collection cycle at start and then on every slot of `data_collection.interval_minutes`
 * (:00, :15, … so series align). Never two cycles at once. On kill: the running cycle is aborted
 * (no new request leaves) and nothing is scheduled until system.reset.
 */
@Injectable()
export class CollectionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob<CycleReport>;
  private runNow?: Subscription;

  constructor(
    private readonly config: AppConfig,
    private readonly apis: CollectorApis,
    private readonly db: CollectorDatabase,
    private readonly bus: EventBus,
    killSwitch: KillSwitch,
    private readonly heartbeat: Heartbeat,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly metrics: ServiceMetrics,
  ) {
    const dc = config.data_collection;
    this.job = new PeriodicJob({
      name: 'collection cycle', killSwitch, logger,
      run: (signal) => this.cycle(signal),
      nextDelayMs: () => msUntilNextSlot(Date.now(), dc.interval_minutes),
      firstDelayMs: () => (dc.run_at_start ? FIRST_RUN_DELAY_MS : msUntilNextSlot(Date.now(), dc.interval_minutes)),
      onDone: (report) => heartbeat.recordCycle({ name: 'collection', at: report.startedAt, durationMs: report.durationMs, outcome: report.outcome }),
    });
  }

  onApplicationBootstrap(): void {
    this.heartbeat.reportBreakers(() => this.apis.breakers());
    this.job.start();
    // POST /api/collect: one cycle now, answered at once (a cycle takes longer than an HTTP caller should wait)
    this.runNow = serveRunNow(this.bus.nc, 'collector', () => this.job.startNow(), this.logger);
  }

  onApplicationShutdown(): void {
    this.runNow?.unsubscribe();
    this.job.stop();
    this.apis.close();
  }

  /** One cycle now, unless halted or one is already running. */
  runOnce(): Promise<CycleReport | null> {
    return this.job.runOnce();
  }

  private cycle(signal: AbortSignal): Promise<CycleReport> {
    return new CollectionCycle({
      gamma: this.apis.gamma, clob: this.apis.clob, config: this.config.data_collection, store: this.db.store,
      publisher: this.bus, logger: this.logger, source: 'collector',
      timings: new StageTimingStore(this.db.dataSource), metrics: this.metrics,
    }).run(signal);
  }
}
