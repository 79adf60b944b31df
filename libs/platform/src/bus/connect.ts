import { NatsConnection, connect } from 'nats';
import type { Logger } from 'pino';
import { BusConfig } from '../config/sections';

export class BusConnectError extends Error {
  override readonly name = 'BusConnectError';
}

export interface ConnectBusOptions {
  readonly config: BusConfig;
  /** connection name shown by the NATS server (`nats server report connections`) */
  readonly name: string;
  readonly logger: Logger;
  /** keep retrying forever until the first connection succeeds (services); false fails fast (CLI) */
  readonly waitForServer?: boolean;
  readonly timeoutMs?: number;
}

/** NATS connection that reconnects forever and logs every status change. */
export async function connectBus(options: ConnectBusOptions): Promise<NatsConnection> {
  const { config, name, logger } = options;
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: config.url.split(',').map((s) => s.trim()),
      name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      reconnectJitter: 100,
      waitOnFirstConnect: options.waitForServer ?? true,
      timeout: options.timeoutMs ?? 2000,
      pingInterval: 10_000,
    });
  } catch (err) {
    throw new BusConnectError(`cannot reach NATS at ${config.url}: ${(err as Error).message}`, { cause: err });
  }
  logger.info({ metrics: { server: nc.getServer() } }, `connected to NATS at ${config.url}`);
  void watchStatus(nc, logger);
  return nc;
}

async function watchStatus(nc: NatsConnection, logger: Logger): Promise<void> {
  for await (const s of nc.status()) {
    if (s.type === 'pingTimer' || s.type === 'update') continue;
    const level = s.type === 'disconnect' || s.type === 'error' ? 'warn' : 'info';
    logger[level]({ metrics: { event: s.type, data: String(s.data ?? '') } }, `NATS connection ${s.type}`);
  }
}
