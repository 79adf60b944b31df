import { MetricsReportEvent, envelope, metricsSubject } from '@polytrader/contracts';
import { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { ServiceMetrics } from './service-metrics';

/**
 * Publishes the service's registry snapshot on system.metrics.<service> (core NATS: a lost report is
 * replaced by the next one) every interval — the heartbeat's model. The gateway keeps the newest per
 * service and serves them all on /metrics, so Prometheus scrapes one target for the whole system.
 */
export class MetricsReporter {
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly metrics: ServiceMetrics,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    void this.report();
    this.timer = setInterval(() => void this.report(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One report now; a report still collecting (a slow consumer-info request) makes this one a no-op. */
  async report(): Promise<void> {
    if (this.busy || this.nc.isClosed()) return;
    this.busy = true;
    try {
      const event: MetricsReportEvent = {
        ...envelope(this.metrics.service), service: this.metrics.service, intervalMs: this.intervalMs, families: await this.metrics.snapshot(),
      };
      if (!this.nc.isClosed()) this.nc.publish(metricsSubject(this.metrics.service), Buffer.from(JSON.stringify(event)));
    } catch (err) {
      this.logger.warn({ err }, 'metrics report failed');
    } finally {
      this.busy = false;
    }
  }
}
