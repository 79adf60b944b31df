import type { MetricFamily } from '@polytrader/contracts';
import { IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** prom-client names three gauges `*_total`, which Prometheus reserves for counters (promtool refuses them). */
export const GAUGES_NAMED_LIKE_COUNTERS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/** Seconds, from a quick API answer to a slow one (the request timeout is 10 s by default). */
export const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds, from a signal pass to a collection cycle of 1,000 markets (target < 30 s) and a daily analysis. */
export const CYCLE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 900];
/** Seconds a call waited for a rate-limiter token: mostly 0, up to an X window reset. */
export const WAIT_BUCKETS = [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60];

type Collect = (this: Gauge<string>) => void | Promise<void>;

/**
 * The Prometheus registry of one service process: prom-client's default process metrics (heap, RSS,
 * event-loop lag, GC) and the service's own families, created once by name (every ApiClient of a
 * process shares the API families). The reporter publishes its snapshot on the bus; the gateway adds the
 * `service` label and serves them all on /metrics, so nothing here carries the service name.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly lag: IntervalHistogram;

  constructor(readonly service: string) {
    collectDefaultMetrics({ register: this.registry });
    for (const name of GAUGES_NAMED_LIKE_COUNTERS) this.registry.removeSingleMetric(name);
    // our own monitor, reset on every heartbeat: the heartbeat shows the lag since the previous one
    this.lag = monitorEventLoopDelay({ resolution: 10 });
    this.lag.enable();
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return (this.registry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** `collect` runs when the registry is read (report time), for figures that are cheaper to sample than to track. */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = [], collect?: Collect): Gauge<L> {
    const existing = this.registry.getSingleMetric(name) as Gauge<L> | undefined;
    return existing ?? new Gauge({ name, help, labelNames, registers: [this.registry], ...(collect ? { collect } : {}) });
  }

  histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> {
    return (this.registry.getSingleMetric(name) as Histogram<L> | undefined) ?? new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** Event-loop delay p99 in ms since the previous call (the heartbeat's `eventLoopLagMs`). */
  takeEventLoopLagMs(): number {
    const p99 = this.lag.percentile(99) / 1e6;
    this.lag.reset();
    return Number.isFinite(p99) ? Math.round(p99 * 100) / 100 : 0;
  }

  /** Every family with its samples (async collectors awaited), as the metrics report carries them. */
  async snapshot(): Promise<MetricFamily[]> {
    const families = await this.registry.getMetricsAsJSON();
    return families.map((f) => ({
      name: f.name, help: f.help, type: String(f.type) as MetricFamily['type'],
      values: f.values.map((v) => ({
        labels: v.labels as Record<string, string | number>,
        value: v.value,
        ...('metricName' in v && typeof v.metricName === 'string' ? { metricName: v.metricName } : {}),
      })),
    }));
  }

  close(): void {
    this.lag.disable();
  }
}
