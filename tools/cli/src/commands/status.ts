import { KillInfo, SERVICE_NAMES, ServiceName, statusSubject } from '@polytrader/contracts';
import { isHealthy, type ServiceView, type SystemStatus } from '@polytrader/platform';
import { NatsConnection } from 'nats';
import { GatewayClient, GatewayError } from '../gateway/gateway-client';
import { resolveGateway } from '../gateway/gateway-target';
import { TradingStateBody, servicesView, tradingStateView } from '../gateway/views';
import { withBus } from './bus-client';

/** Asks one service for its status over request-reply; null when it does not answer. */
export async function askStatus(nc: NatsConnection, service: string, timeoutMs: number): Promise<Record<string, unknown> | null> {
  try {
    const msg = await nc.request(statusSubject(service), Buffer.from('{}'), { timeout: timeoutMs });
    return JSON.parse(Buffer.from(msg.data).toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** A service's own status answer in the gateway's shape (GET /api/services), so both paths print and exit alike. */
export function toView(s: Record<string, unknown> | null): ServiceView {
  if (!s) return { status: 'down', lastHeartbeat: null, version: null, uptimeS: null, lastCycle: null, pid: null, rssBytes: null };
  const state = String(s.state);
  return {
    status: state === 'running' ? 'up' : state === 'stopping' ? 'down' : 'halted',
    lastHeartbeat: null,
    version: typeof s.version === 'string' ? s.version : null,
    uptimeS: typeof s.uptimeS === 'number' ? s.uptimeS : null,
    lastCycle: (s.lastCycle as ServiceView['lastCycle']) ?? null,
    pid: typeof s.pid === 'number' ? s.pid : null,
    rssBytes: typeof s.rssBytes === 'number' ? s.rssBytes : null,
  };
}

/** The system as the services answer on the bus: the fallback when the gateway itself is down. */
export async function statusFromBus(timeoutMs: number): Promise<SystemStatus> {
  const answers = await withBus((nc) => Promise.all(SERVICE_NAMES.map((n) => askStatus(nc, n, timeoutMs))));
  const kill = (answers.find((a) => a?.kill)?.kill as KillInfo | undefined) ?? null;
  const services = Object.fromEntries(SERVICE_NAMES.map((n, i) => [n, toView(answers[i])])) as Record<ServiceName, ServiceView>;
  return { state: kill ? 'halted' : 'running', kill, services };
}

/**
 * `polytrader status [--json] [--gateway URL]`: every service's state from the gateway (GET /api/services);
 * exit 0 only when the system runs and every service is up. When the gateway cannot be reached and was not
 * named (--gateway, GATEWAY_URL), the services are asked on the bus instead: status is how one finds out
 * that the gateway is the one that is down.
 */
export async function status(options: { json: boolean; gateway?: string }, timeoutMs = 1500): Promise<number> {
  const target = resolveGateway({ flag: options.gateway });
  const client = new GatewayClient(target);
  let s: SystemStatus;
  let trading: TradingStateBody | null = null;
  try {
    s = await client.get<SystemStatus>('/api/services');
    if (!options.json) trading = await client.get<TradingStateBody>('/api/trading-state').catch(() => null);
  } catch (err) {
    if (!(err instanceof GatewayError) || err.kind !== 'unreachable' || target.explicit) throw err;
    process.stderr.write(`${err.message}; asking the services on the bus instead\n`);
    s = await statusFromBus(timeoutMs);
  }
  process.stdout.write(options.json ? `${JSON.stringify(s, null, 2)}\n` : `${servicesView(s)}${trading ? tradingStateView(trading) : ''}`);
  return isHealthy(s) ? 0 : 1;
}

/** `polytrader ping <service>`: the container healthcheck, on the bus; exit 0 when it answers. */
export async function ping(service: string, timeoutMs = 2000): Promise<number> {
  const answer = await withBus((nc) => askStatus(nc, service, timeoutMs));
  return answer ? 0 : 1;
}
