import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig, ROOT_LOGGER } from '@polytrader/platform';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource, type CreateDataSourceOptions } from './data-source';

/**
 * A service's database as a Nest provider: opened (migrations run) at module init, closed on shutdown.
 * A service subclasses it and builds its stores in `onOpen`; one implementation of the lifecycle for all.
 */
@Injectable()
export class ServiceDatabase implements OnModuleInit, OnApplicationShutdown {
  private ds?: DataSource;

  constructor(
    protected readonly config: AppConfig,
    @Inject(ROOT_LOGGER) protected readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.ds = await createDataSource(this.config.storage, this.dataSourceOptions());
    this.onOpen(this.ds);
    this.logger.info({ metrics: { engine: this.ds.options.type } }, 'database open');
  }

  /** The open data source; throws before start-up opened it. */
  get dataSource(): DataSource {
    if (!this.ds) throw new Error('database not open yet');
    return this.ds;
  }

  /** How this service opens its database (default: createDataSource's defaults). */
  protected dataSourceOptions(): CreateDataSourceOptions {
    return {};
  }

  /** Build the service's stores on the freshly opened data source. */
  protected onOpen(_ds: DataSource): void {}

  async onApplicationShutdown(): Promise<void> {
    await this.ds?.destroy();
  }
}
