import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OptimizeReport, optimizeDatabase, retentionOptions } from '@polytrader/persistence';
import { AppConfig, Heartbeat, PeriodicJob, ROOT_LOGGER } from '@polytrader/platform';
import type { Logger } from 'pino';
import { CollectorDatabase } from '../collector.database';
import { msUntilWeeklySlot } from './weekly-slot';

/**
 * Weekly database maintenance (retention of every growing table, in batches; VACUUM/ANALYZE, index statistics) in the collector,
 * the process that writes the big tables, at `storage.optimize_weekday` `storage.optimize_at` UTC.
 * Runs while halted too (no kill switch): maintenance is not trading. On demand: `polytrader db optimize`.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob<OptimizeReport>;

  constructor(
    private readonly config: AppConfig,
    private readonly db: CollectorDatabase,
    heartbeat: Heartbeat,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    const { optimize_weekday, optimize_at } = config.storage;
    this.job = new PeriodicJob({
      name: 'weekly database maintenance', logger,
      // setTimeout holds at most ~24.8 days; a week fits
      nextDelayMs: () => msUntilWeeklySlot(Date.now(), optimize_weekday, optimize_at),
      run: () => optimizeDatabase(this.db.dataSource, retentionOptions(this.config.storage)),
      onDone: (report) => {
        heartbeat.recordCycle({ name: 'db-optimize', at: new Date().toISOString(), durationMs: report.durationMs, outcome: 'completed' });
        this.logger.info({ metrics: { deleted: report.deleted, sizeBeforeBytes: report.sizeBeforeBytes, sizeAfterBytes: report.sizeAfterBytes, durationMs: report.durationMs } },
          'weekly database maintenance done');
      },
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): void {
    this.job.stop();
  }
}
