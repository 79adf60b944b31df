import { Inject, Injectable, OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import { createDataSource, messageOf, redactUrl } from '@polytrader/persistence';
import { AppConfig, ROOT_LOGGER } from '@polytrader/platform';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ReadCache } from './read-cache';

/**
 * Identical reads share the one in flight, and nothing after it settles: a page that reloads because an
 * event said the data changed must get the new data (a 1 s TTL served the dashboard a trade list read
 * just before the trade).
 */
const SHARED_READ_TTL_MS = 0;

/**
 * The gateway's read-only connection, opened on first use rather than at start-up: the gateway must
 * come up (health, status, kill) even while the database is missing or down. A failed open is
 * retried on the next request; until then every data endpoint answers 503 with the reason.
 */
@Injectable()
export class GatewayReader implements OnApplicationShutdown {
  private opening?: Promise<DataSource>;
  private readonly shared = new ReadCache(SHARED_READ_TTL_MS);

  constructor(
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async read<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
    const ds = await this.dataSource();
    try {
      return await work(ds);
    } catch (err) {
      if (!isConnectionLoss(err)) throw err;
      this.opening = undefined;
      await ds.destroy().catch(() => undefined);
      throw this.unavailable(err);
    }
  }

  /** Any answer shared by identical requests while one is in flight (SharedReadInterceptor: a whole GET). */
  share<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.shared.get(key, load);
  }

  private async dataSource(): Promise<DataSource> {
    this.opening ??= createDataSource(this.config.storage, { readOnly: true }).then((ds) => {
      this.logger.info({ metrics: { engine: ds.options.type, url: redactUrl(this.config.storage.url) } }, 'read-only database open');
      return ds;
    });
    try {
      return await this.opening;
    } catch (err) {
      this.opening = undefined;
      throw this.unavailable(err);
    }
  }

  private unavailable(err: unknown): ServiceUnavailableException {
    this.logger.warn({ err }, 'database unavailable to the gateway');
    return new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: `database unavailable: ${messageOf(err)}` });
  }

  async onApplicationShutdown(): Promise<void> {
    const ds = await this.opening?.catch(() => undefined);
    await ds?.destroy();
  }
}

function isConnectionLoss(err: unknown): boolean {
  const code = (err as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (err as { code?: string })?.code;
  return ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', '08003', 'SQLITE_CANTOPEN', 'SQLITE_IOERR'].includes(code ?? '');
}
