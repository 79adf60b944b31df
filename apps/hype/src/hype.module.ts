import { Module } from '@nestjs/common';
import { AppConfig, ROOT_LOGGER, SECRETS, Secrets, ServiceMetrics } from '@polytrader/platform';
import type { Logger } from 'pino';
import { HypeScheduler } from './cycle/hype.scheduler';
import { HypeApis } from './hype.apis';
import { HypeDatabase } from './hype.database';

/** The hype service: X mention counts and post sentiment, news feeds, a hype score per market and interval. */
@Module({
  providers: [
    {
      provide: HypeApis,
      useFactory: (config: AppConfig, secrets: Secrets, logger: Logger, metrics: ServiceMetrics) => new HypeApis(config, secrets, logger, metrics),
      inject: [AppConfig, SECRETS, ROOT_LOGGER, ServiceMetrics],
    },
    HypeDatabase,
    HypeScheduler,
  ],
})
export class HypeModule {}
