import { Module } from '@nestjs/common';
import { AppConfig, ROOT_LOGGER, ServiceMetrics } from '@polytrader/platform';
import type { Logger } from 'pino';
import { CollectorApis } from './collector.apis';
import { CollectorDatabase } from './collector.database';
import { CollectionScheduler } from './collection/collection.scheduler';
import { MaintenanceScheduler } from './maintenance/maintenance.scheduler';

/** The collector: Polymarket markets, books and price history on a schedule, stored and published. */
@Module({
  providers: [
    {
      provide: CollectorApis, useFactory: (config: AppConfig, logger: Logger, metrics: ServiceMetrics) => new CollectorApis(config, logger, metrics),
      inject: [AppConfig, ROOT_LOGGER, ServiceMetrics],
    },
    CollectorDatabase,
    CollectionScheduler,
    MaintenanceScheduler,
  ],
})
export class CollectorModule {}
