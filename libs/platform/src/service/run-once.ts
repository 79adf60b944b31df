import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { BusConnectError, EventBus, connectBus } from '../bus';
import { AppConfig, ConfigError, loadConfig } from '../config';
import { KillSwitch } from '../kill-switch';
import { createLogger, flushLogger } from '../logging';

export interface RunOnceSpec {
  /** the service whose work this is: log component, event source, kill-switch name */
  readonly service: string;
  /** for messages: "collecting", "analyzing" */
  readonly doing: string;
  /** what is kept when there is no bus: "snapshots are stored", "the analysis is stored" */
  readonly storedWithoutBus: string;
}

export interface RunOnceContext {
  readonly config: AppConfig;
  readonly logger: Logger;
  /** null when NATS does not answer: store, don't publish */
  readonly publisher: EventBus | null;
  /** aborted on Ctrl-C */
  readonly signal: AbortSignal;
}

/**
 * One piece of a service's work in the CLI's own process (`polytrader collect --once`, `analyze`): config
 * errors listed and exit 1; publishes when NATS answers, says so when it does not; refuses to run when the
 * bus says the system is halted; Ctrl-C aborts the work; logs flushed and the bus drained at the end.
 */
export async function runOnce(spec: RunOnceSpec, work: (ctx: RunOnceContext) => Promise<number>): Promise<number> {
  let config: AppConfig;
  try {
    config = loadConfig().config;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  }
  const logger = await createLogger({ component: spec.service, config: config.logging, stdout: false });
  const nc = await optionalBus(config, spec, logger);
  if (nc && (await haltedOnBus(nc, spec.service, logger))) {
    process.stderr.write(`the system is halted (system.kill on the bus): not ${spec.doing}. Resume with: polytrader reset\n`);
    await nc.drain();
    return 1;
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  try {
    return await work({ config, logger, publisher: nc ? new EventBus(nc, spec.service, logger) : null, signal: controller.signal });
  } finally {
    process.off('SIGINT', onSignal);
    await nc?.drain().catch(() => undefined);
    await flushLogger(logger);
  }
}

async function optionalBus(config: AppConfig, spec: RunOnceSpec, logger: Logger): Promise<NatsConnection | null> {
  try {
    return await connectBus({ config: config.bus, name: `polytrader-${spec.service}-once`, logger, waitForServer: false, timeoutMs: 1500 });
  } catch (err) {
    if (!(err instanceof BusConnectError)) throw err;
    process.stderr.write(`note: NATS not reachable at ${config.bus.url}; ${spec.storedWithoutBus} but not published\n`);
    return null;
  }
}

async function haltedOnBus(nc: NatsConnection, service: string, logger: Logger): Promise<boolean> {
  const ks = new KillSwitch(nc, await nc.jetstreamManager(), service, logger);
  await ks.restore();
  ks.stop();
  return ks.current.state === 'halted';
}
