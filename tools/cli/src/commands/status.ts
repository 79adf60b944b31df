import { SERVICE_NAMES, statusSubject } from '@polytrader/contracts';
import Table from 'cli-table3';
import { NatsConnection } from 'nats';
import { withBus } from './bus-client';

export interface ServiceStatusRow {
  readonly service: string;
  readonly state: string;
  readonly version?: string;
  readonly uptimeS?: number;
  readonly pid?: number;
  readonly rssMb?: number;
  readonly lastCycle?: string;
  readonly kill?: { reason: string; source: string; ts: string } | null;
}

/** Asks one service for its status over request-reply; null when it does not answer. */
export async function askStatus(nc: NatsConnection, service: string, timeoutMs: number): Promise<Record<string, unknown> | null> {
  try {
    const msg = await nc.request(statusSubject(service), Buffer.from('{}'), { timeout: timeoutMs });
    return JSON.parse(Buffer.from(msg.data).toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function toRow(service: string, s: Record<string, unknown> | null): ServiceStatusRow {
  if (!s) return { service, state: 'down' };
  const cycle = s.lastCycle as { name?: string; at?: string } | null;
  return {
    service,
    state: String(s.state),
    version: String(s.version),
    uptimeS: Number(s.uptimeS),
    pid: Number(s.pid),
    rssMb: Math.round(Number(s.rssBytes) / 1e5) / 10,
    lastCycle: cycle ? `${cycle.name} ${cycle.at}` : undefined,
    kill: (s.kill as ServiceStatusRow['kill']) ?? null,
  };
}

/** `polytrader status [--json]`: exit 0 when every service runs, 1 otherwise. */
export async function status(json: boolean, timeoutMs = 1500): Promise<number> {
  const rows = await withBus((nc) => Promise.all(SERVICE_NAMES.map(async (n) => toRow(n, await askStatus(nc, n, timeoutMs)))));
  const healthy = rows.every((r) => r.state === 'running');
  const kill = rows.find((r) => r.kill)?.kill ?? null;
  if (json) {
    process.stdout.write(`${JSON.stringify({ state: kill ? 'halted' : 'running', kill, services: rows }, null, 2)}\n`);
  } else {
    const table = new Table({ head: ['service', 'state', 'uptime', 'version', 'pid', 'rss MB', 'last cycle'], style: { head: [], border: [] } });
    for (const r of rows) {
      table.push([r.service, r.state, r.uptimeS === undefined ? '' : `${r.uptimeS}s`, r.version ?? '', r.pid ?? '', r.rssMb ?? '', r.lastCycle ?? '']);
    }
    process.stdout.write(`${table.toString()}\n`);
    if (kill) process.stdout.write(`HALTED by ${kill.source} at ${kill.ts}: ${kill.reason}\nResume with: polytrader reset\n`);
  }
  return healthy ? 0 : 1;
}

/** `polytrader ping <service>`: the container healthcheck; exit 0 when it answers. */
export async function ping(service: string, timeoutMs = 2000): Promise<number> {
  const answer = await withBus((nc) => askStatus(nc, service, timeoutMs));
  return answer ? 0 : 1;
}
