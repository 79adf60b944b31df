import { JetStreamManager, NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { EventBus } from '../bus/event-bus';
import { AppConfig } from '../config/sections';
import { Secrets } from '../config/secrets';
import { Heartbeat } from '../heartbeat/heartbeat';
import { ControlLedger } from '../kill-switch/control-ledger';
import { KillSwitch } from '../kill-switch/kill-switch';
import { MetricsReporter } from '../metrics/metrics-reporter';
import { CpuProfiler } from '../profiler/cpu-profile';
import { ServiceMetrics } from '../metrics/service-metrics';

/** Everything a service process holds outside Nest's container, built once by bootstrapService. */
export interface ServiceRuntime {
  readonly name: string;
  readonly version: string;
  readonly startedAt: number;
  readonly config: AppConfig;
  readonly secrets: Secrets;
  readonly configFile: string | null;
  readonly logger: Logger;
  readonly nc: NatsConnection;
  readonly jsm: JetStreamManager;
  readonly bus: EventBus;
  readonly killSwitch: KillSwitch;
  readonly heartbeat: Heartbeat;
  /** the process's Prometheus registry (inject ServiceMetrics), reported to the gateway by `metricsReporter` */
  readonly metrics: ServiceMetrics;
  readonly metricsReporter: MetricsReporter;
  /** takes the V8 CPU profiles asked for on system.profile.<service> (`polytrader profile --cpu`) */
  readonly cpuProfiler: CpuProfiler;
  /** the database's record of the CONTROL stream, for services that have a database */
  readonly controlLedger?: ControlLedger;
}

/** Injection tokens for the runtime pieces that are not classes of their own. */
export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
export const SECRETS = Symbol('SECRETS');
