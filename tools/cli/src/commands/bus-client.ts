import { BusConfig, connectBus, loadConfig } from '@polytrader/platform';
import { NatsConnection } from 'nats';
import pino from 'pino';

/** A short-lived bus connection for one CLI command: fails fast instead of waiting for a server. */
export async function withBus<T>(fn: (nc: NatsConnection, bus: BusConfig) => Promise<T>): Promise<T> {
  const { config } = loadConfig();
  const logger = pino({ level: 'silent' });
  const nc = await connectBus({ config: config.bus, name: 'polytrader-cli', logger, waitForServer: false, timeoutMs: 2000 });
  try {
    return await fn(nc, config.bus);
  } finally {
    await nc.drain().catch(() => undefined);
  }
}
