import { CycleInfo, HeartbeatEvent, ServiceState, envelope, heartbeatSubject, statusSubject } from '@polytrader/contracts';
import { NatsConnection, Subscription } from 'nats';
import type { Logger } from 'pino';
import { KillSwitch } from '../kill-switch/kill-switch';
import { cycleMetrics } from '../metrics/platform-families';
import type { ServiceMetrics } from '../metrics/service-metrics';

export type StatusContributor = () => Record<string, unknown>;

export interface HeartbeatOptions {
  readonly service: string;
  readonly version: string;
  readonly intervalMs: number;
  readonly startedAt: number;
}

/**
 * Liveness on system.heartbeat.<service> every interval and at once on every state change;
 * detailed status on request at system.status.<service>.
 */
export class Heartbeat {
  private timer?: NodeJS.Timeout;
  private sub?: Subscription;
  private stopping = false;
  private lastCycle: CycleInfo | null = null;
  private breakerSource?: () => Record<string, string>;
  private readonly contributors = new Map<string, StatusContributor>();
  private readonly cycles?: ReturnType<typeof cycleMetrics>;

  constructor(
    private readonly nc: NatsConnection,
    private readonly killSwitch: KillSwitch,
    private readonly options: HeartbeatOptions,
    private readonly logger: Logger,
    /** cycles recorded here are observed in polytrader_cycle_duration_seconds; the event-loop lag comes from it */
    private readonly metrics?: ServiceMetrics,
  ) {
    if (metrics) this.cycles = cycleMetrics(metrics);
  }

  start(): void {
    this.killSwitch.onStateChange(() => this.beat());
    this.sub = this.nc.subscribe(statusSubject(this.options.service), {
      callback: (_err, msg) => {
        try {
          msg.respond(Buffer.from(JSON.stringify(this.status())));
        } catch (err) {
          this.logger.error({ err }, 'status reply failed');
        }
      },
    });
    this.beat();
    this.timer = setInterval(() => this.beat(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Last heartbeat says "stopping" so the gateway shows the service down at once, not stale later. */
  stop(): void {
    this.stopping = true;
    clearInterval(this.timer);
    this.sub?.unsubscribe();
    this.beat();
  }

  recordCycle(cycle: CycleInfo): void {
    this.lastCycle = cycle;
    if (cycle.durationMs !== undefined) this.cycles?.observe({ stage: cycle.name, outcome: cycle.outcome ?? 'completed' }, cycle.durationMs / 1000);
  }

  /** Circuit breakers of the outside APIs this service calls, shown per service on /status. */
  reportBreakers(source: () => Record<string, string>): void {
    this.breakerSource = source;
  }

  contribute(name: string, fn: StatusContributor): void {
    this.contributors.set(name, fn);
  }

  state(): ServiceState {
    if (this.stopping) return 'stopping';
    const { state } = this.killSwitch.current;
    return state === 'unknown' ? 'starting' : state;
  }

  event(): HeartbeatEvent {
    const { service, version, intervalMs, startedAt } = this.options;
    return {
      ...envelope(service),
      service,
      state: this.state(),
      version,
      uptimeS: Math.round((Date.now() - startedAt) / 100) / 10,
      intervalMs,
      pid: process.pid,
      rssBytes: process.memoryUsage.rss(),
      kill: this.killSwitch.current.kill,
      lastCycle: this.lastCycle,
      ...(this.breakerSource ? { breakers: this.breakerSource() } : {}),
      ...(this.metrics ? { eventLoopLagMs: this.metrics.takeEventLoopLagMs() } : {}),
    };
  }

  status(): Record<string, unknown> {
    const details: Record<string, unknown> = {};
    for (const [name, fn] of this.contributors) {
      try {
        details[name] = fn();
      } catch (err) {
        details[name] = { error: (err as Error).message };
      }
    }
    return { ...this.event(), details };
  }

  private beat(): void {
    if (this.nc.isClosed()) return;
    try {
      this.nc.publish(heartbeatSubject(this.options.service), Buffer.from(JSON.stringify(this.event())));
    } catch (err) {
      this.logger.warn({ err }, 'heartbeat publish failed');
    }
  }
}
