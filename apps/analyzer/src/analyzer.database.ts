import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { MarketStore, QualityIssueStore, createDataSource } from '@polytrader/persistence';
import { AppConfig, ROOT_LOGGER } from '@polytrader/platform';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

/** The analyzer's database: opened at start, closed on stop. */
@Injectable()
export class AnalyzerDatabase implements OnModuleInit, OnApplicationShutdown {
  private ds?: DataSource;
  markets!: MarketStore;
  quality!: QualityIssueStore;

  constructor(
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.ds = await createDataSource(this.config.storage);
    this.markets = new MarketStore(this.ds);
    this.quality = new QualityIssueStore(this.ds);
    this.logger.info({ metrics: { engine: this.ds.options.type } }, 'database open');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ds?.destroy();
  }
}
