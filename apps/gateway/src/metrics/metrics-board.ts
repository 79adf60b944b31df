import { Injectable } from '@nestjs/common';
import { MetricsReportEvent, ServiceName, isServiceName } from '@polytrader/contracts';
import { STALE_AFTER_INTERVALS } from '@polytrader/platform';
import { MetricsSource } from './exposition';

interface Report {
  readonly event: MetricsReportEvent;
  readonly receivedAt: number;
}

/**
 * The newest metrics report of every service (system.metrics.<service>). A service silent for
 * STALE_AFTER_INTERVALS of its report interval is left out of the scrape — its figures would be frozen,
 * and Prometheus marks the series stale, which is what the service is.
 */
@Injectable()
export class MetricsBoard {
  private readonly reports = new Map<ServiceName, Report>();

  record(event: MetricsReportEvent, receivedAt = Date.now()): void {
    if (isServiceName(event.service)) this.reports.set(event.service, { event, receivedAt });
  }

  /** Fresh reports as scrape sources, labelled with their service; stale ones are dropped. */
  sources(now = Date.now(), except?: ServiceName): MetricsSource[] {
    const out: MetricsSource[] = [];
    for (const [service, { event, receivedAt }] of this.reports) {
      if (now - receivedAt > STALE_AFTER_INTERVALS * event.intervalMs) this.reports.delete(service);
      else if (service !== except) out.push({ service, families: event.families });
    }
    return out;
  }
}
