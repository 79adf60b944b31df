import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { optimizeDatabase } from '@polytrader/persistence';
import { AppConfig, Heartbeat, ROOT_LOGGER } from '@polytrader/platform';
import type { Logger } from 'pino';
import { CollectorDatabase } from '../collector.database';
import { msUntilWeeklySlot } from './weekly-slot';

/**
 * Weekly database maintenance (retention, VACUUM/ANALYZE, index statistics) in the collector,
 * the process that writes the big tables, at `storage.optimize_weekday` `storage.optimize_at` UTC.
 * Runs while halted too: maintenance is not trading. On demand: `polytrader db optimize`.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly db: CollectorDatabase,
    private readonly heartbeat: Heartbeat,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }

  private schedule(): void {
    const { optimize_weekday, optimize_at } = this.config.storage;
    // setTimeout holds at most ~24.8 days; a week fits.
    this.timer = setTimeout(() => void this.run().finally(() => this.schedule()), msUntilWeeklySlot(Date.now(), optimize_weekday, optimize_at));
    this.timer.unref();
  }

  async run(): Promise<void> {
    try {
      const report = await optimizeDatabase(this.db.dataSource, { retentionDays: this.config.storage.snapshot_retention_days });
      this.heartbeat.recordCycle({ name: 'db-optimize', at: new Date().toISOString(), durationMs: report.durationMs, outcome: 'completed' });
      this.logger.info({ metrics: { deleted: report.deleted, sizeBeforeBytes: report.sizeBeforeBytes, sizeAfterBytes: report.sizeAfterBytes, durationMs: report.durationMs } },
        'weekly database maintenance done');
    } catch (err) {
      this.logger.error({ err }, 'weekly database maintenance failed');
    }
  }
}
