import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { MarketStore, createDataSource } from '@polytrader/persistence';
import { AppConfig, ROOT_LOGGER } from '@polytrader/platform';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

/** The collector's database: opened (migrations run) at start, closed on stop. */
@Injectable()
export class CollectorDatabase implements OnModuleInit, OnApplicationShutdown {
  private ds?: DataSource;
  store!: MarketStore;

  constructor(
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.ds = await createDataSource(this.config.storage);
    this.store = new MarketStore(this.ds);
    this.logger.info({ metrics: { engine: this.ds.options.type } }, 'database open');
  }

  get dataSource(): DataSource {
    if (!this.ds) throw new Error('database not open yet');
    return this.ds;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ds?.destroy();
  }
}
