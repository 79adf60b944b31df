import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HypeScoreStore, MarketStore, NewsItemStore, createDataSource } from '@polytrader/persistence';
import { AppConfig, ROOT_LOGGER } from '@polytrader/platform';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { HypeStores } from './cycle/ports';

/** The hype service's database: opened (migrations run) at start, closed on stop. */
@Injectable()
export class HypeDatabase implements OnModuleInit, OnApplicationShutdown {
  private ds?: DataSource;
  stores!: HypeStores;

  constructor(
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.ds = await createDataSource(this.config.storage);
    this.stores = { markets: new MarketStore(this.ds), scores: new HypeScoreStore(this.ds), news: new NewsItemStore(this.ds) };
    this.logger.info({ metrics: { engine: this.ds.options.type } }, 'database open');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ds?.destroy();
  }
}
