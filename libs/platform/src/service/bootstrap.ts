import { DynamicModule, INestApplication, INestMicroservice, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import { ServiceName } from '@polytrader/contracts';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { connectBus } from '../bus/connect';
import { EventBus } from '../bus/event-bus';
import { JsonBusTransport } from '../bus/json-bus.transport';
import { RpcErrorPassthroughFilter } from '../bus/rpc-error.filter';
import { ensureStreams } from '../bus/streams';
import { ConfigError, LoadedConfig, loadConfig } from '../config/load-config';
import { AppConfig } from '../config/sections';
import { secretValues } from '../config/secrets';
import { Heartbeat } from '../heartbeat/heartbeat';
import { ControlLedger } from '../kill-switch/control-ledger';
import { KillSwitch } from '../kill-switch/kill-switch';
import { MetricsReporter } from '../metrics/metrics-reporter';
import { consumerMetrics } from '../metrics/platform-families';
import { ServiceMetrics } from '../metrics/service-metrics';
import { createLogger, flushLogger } from '../logging/create-logger';
import { CpuProfiler, dataDirOf, serveCpuProfile } from '../profiler/cpu-profile';
import { PlatformModule } from './platform.module';
import { ServiceRuntime } from './service-runtime';
import { systemVersion } from './workspace';

export interface ServiceDefinition {
  readonly name: ServiceName;
  /** the app's own module; the platform (config, logger, bus, kill switch, heartbeat) is provided globally */
  readonly module: Type<unknown>;
  /** an HTTP server as well as the bus (the gateway) */
  readonly http?: (app: INestApplication, runtime: ServiceRuntime) => Promise<void>;
  /** HTTP middleware, pipes and documents, set before the app initialises (tests that do not listen get them too) */
  readonly configureHttp?: (app: INestApplication, runtime: ServiceRuntime) => void;
  /** Opens the database's record of the CONTROL stream (libs/persistence openControlLedger), so a wiped stream halts. */
  readonly controlLedger?: (config: AppConfig) => Promise<ControlLedger>;
}

const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Starts one service process: config (exit 1 listing every problem), logger, bus, streams,
 * kill switch (restored from the bus), heartbeat, then the Nest app on the JSON bus transport.
 * SIGTERM/SIGINT stop it gracefully: app closed, bus drained, logs flushed, exit 0.
 */
export async function bootstrapService(def: ServiceDefinition): Promise<void> {
  const startedAt = Date.now();
  let loaded: LoadedConfig;
  try {
    loaded = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${def.name}: refusing to start, invalid config\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const { config, secrets } = loaded;
  const logger = await createLogger({ component: def.name, config: config.logging, secrets: secretValues(secrets) });
  installCrashHandlers(logger);
  logger.info({ metrics: { configFile: loaded.file, pid: process.pid } }, `${def.name} starting`);
  const controlLedger = def.controlLedger ? await def.controlLedger(config) : undefined;
  const runtime = await createRuntime({ name: def.name, loaded, logger, startedAt, controlLedger });
  const app = await createServiceApp(def, runtime);
  if (def.http) await def.http(app as INestApplication, runtime);
  logger.info({ metrics: { startupMs: Date.now() - startedAt, state: runtime.heartbeat.state() } }, `${def.name} started`);
  installShutdown(app, runtime);
}

export interface CreateRuntimeOptions {
  readonly name: string;
  readonly loaded: LoadedConfig;
  readonly logger: Logger;
  readonly startedAt?: number;
  readonly controlLedger?: ControlLedger;
}

/** Bus connection, streams, kill switch (state restored from the bus), heartbeat and metrics registry for one service. */
export async function createRuntime(options: CreateRuntimeOptions): Promise<ServiceRuntime> {
  const { name, loaded, logger } = options;
  const { config, secrets, file } = loaded;
  const startedAt = options.startedAt ?? Date.now();
  const nc = await connectBus({ config: config.bus, name: `polytrader-${name}`, logger });
  const jsm = await nc.jetstreamManager();
  await ensureStreams(jsm);
  const bus = new EventBus(nc, name, logger);
  const killSwitch = new KillSwitch(nc, jsm, name, logger, options.controlLedger);
  const version = systemVersion();
  const metrics = new ServiceMetrics(name);
  consumerMetrics(metrics, jsm);
  const metricsReporter = new MetricsReporter(nc, metrics, config.bus.metrics_interval_ms, logger);
  const heartbeat = new Heartbeat(nc, killSwitch, { service: name, version, intervalMs: config.bus.heartbeat_interval_ms, startedAt }, logger, metrics);
  await killSwitch.start();
  heartbeat.contribute('bus', () => ({ server: nc.getServer(), deadLetters: bus.deadLetterCount, ...nc.stats() }));
  // every service answers `polytrader profile --cpu <service>`; the file goes beside the database (its data directory)
  const cpuProfiler = new CpuProfiler(name, join(dataDirOf(config.storage.url), 'profiles'));
  serveCpuProfile(nc, cpuProfiler, name, logger);
  return {
    name, version, startedAt, config, secrets, configFile: file, logger, nc, jsm, bus, killSwitch, heartbeat, metrics, metricsReporter, cpuProfiler,
    controlLedger: options.controlLedger,
  };
}

/** The Nest app of a service on the JSON bus transport, listening on the bus (HTTP is the caller's). */
export async function createServiceApp(def: ServiceDefinition, runtime: ServiceRuntime): Promise<INestApplication | INestMicroservice> {
  const transport = new JsonBusTransport(runtime.bus, runtime.jsm, runtime.config.bus, runtime.logger);
  const app = await createApp(def, runtime, transport);
  runtime.heartbeat.start();
  runtime.metricsReporter.start();
  return app;
}

/** Graceful stop: last heartbeat ("stopping"), app closed, bus drained. */
export async function closeService(app: INestApplication | INestMicroservice, runtime: ServiceRuntime): Promise<void> {
  runtime.heartbeat.stop();
  runtime.metricsReporter.stop();
  runtime.metrics.close();
  runtime.killSwitch.stop();
  await app.close();
  await runtime.nc.drain();
  await runtime.controlLedger?.close();
}

async function createApp(def: ServiceDefinition, runtime: ServiceRuntime, transport: JsonBusTransport): Promise<INestApplication | INestMicroservice> {
  const module = rootModule(def.module, runtime);
  if (def.http) {
    const app = await NestFactory.create(module, { bufferLogs: true });
    app.useLogger(app.get(NestPinoLogger));
    def.configureHttp?.(app, runtime);
    // A connected microservice is already initialised, so global filters cannot be added to it;
    // bus handlers in an HTTP app that need real error messages use @UseFilters(RpcErrorPassthroughFilter).
    app.connectMicroservice({ strategy: transport });
    await app.startAllMicroservices();
    return app;
  }
  const app = await NestFactory.createMicroservice(module, { strategy: transport, bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  app.useGlobalFilters(new RpcErrorPassthroughFilter());
  await app.listen();
  return app;
}

@Module({})
class ServiceRootModule {}

function rootModule(appModule: Type<unknown>, runtime: ServiceRuntime): DynamicModule {
  return { module: ServiceRootModule, imports: [PlatformModule.forService(runtime), appModule] };
}

function installShutdown(app: INestApplication | INestMicroservice, runtime: ServiceRuntime): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const { logger } = runtime;
    logger.info(`${runtime.name} stopping on ${signal}`);
    const force = setTimeout(() => {
      logger.error('graceful stop timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    try {
      await closeService(app, runtime);
      logger.info({ metrics: { uptimeS: (Date.now() - runtime.startedAt) / 1000 } }, `${runtime.name} stopped`);
      await flushLogger(logger);
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error during stop');
      await flushLogger(logger);
      process.exit(1);
    }
  };
  // `on`, not `once`: a stop often signals twice (systemd or `timeout` signal the whole process group,
  // then the orchestrator signals each service); a second SIGTERM must not kill a stop half done
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function installCrashHandlers(logger: Logger): void {
  // A crashed service is restarted by the orchestrator (or Docker); a half-broken one is not.
  const die = (kind: string) => (err: unknown) => {
    logger.fatal({ err }, `${kind}: exiting so the supervisor restarts us`);
    void flushLogger(logger).finally(() => process.exit(1));
  };
  process.on('uncaughtException', die('uncaught exception'));
  process.on('unhandledRejection', die('unhandled rejection'));
}
