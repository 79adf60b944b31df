import { HeartbeatEvent, KillInfo, SERVICE_NAMES, ServiceName, isServiceName } from '@polytrader/contracts';

export type ServiceStatus = 'up' | 'halted' | 'stale' | 'down';

export interface ServiceView {
  readonly status: ServiceStatus;
  readonly lastHeartbeat: string | null;
  readonly version: string | null;
  readonly uptimeS: number | null;
  readonly lastCycle: HeartbeatEvent['lastCycle'];
  readonly pid: number | null;
  readonly rssBytes: number | null;
  readonly breakers?: Record<string, string>;
  /** event-loop delay p99 (ms) over the last heartbeat interval, when the service reports it */
  readonly eventLoopLagMs?: number;
}

export interface SystemStatus {
  readonly state: 'running' | 'halted';
  readonly kill: KillInfo | null;
  readonly services: Record<ServiceName, ServiceView>;
}

/** A heartbeat older than this many intervals means the service is stale. */
export const STALE_AFTER_INTERVALS = 3;

interface Seen {
  readonly event: HeartbeatEvent;
  readonly receivedAt: number;
}

/** The picture of the system built from heartbeats only (the gateway's /status, the notifier's health alerts). */
export class StatusBoard {
  private readonly seen = new Map<ServiceName, Seen>();

  record(event: HeartbeatEvent, receivedAt = Date.now()): void {
    if (isServiceName(event.service)) this.seen.set(event.service, { event, receivedAt });
  }

  view(name: ServiceName, now = Date.now()): ServiceView {
    const s = this.seen.get(name);
    if (!s) return { status: 'down', lastHeartbeat: null, version: null, uptimeS: null, lastCycle: null, pid: null, rssBytes: null };
    const { event, receivedAt } = s;
    return {
      status: statusOf(event, now - receivedAt),
      lastHeartbeat: new Date(receivedAt).toISOString(),
      version: event.version,
      uptimeS: event.uptimeS,
      lastCycle: event.lastCycle,
      pid: event.pid,
      rssBytes: event.rssBytes,
      ...(event.breakers ? { breakers: event.breakers } : {}),
      ...(event.eventLoopLagMs !== undefined ? { eventLoopLagMs: event.eventLoopLagMs } : {}),
    };
  }

  snapshot(kill: { halted: boolean; kill: KillInfo | null }, now = Date.now()): SystemStatus {
    const services = Object.fromEntries(SERVICE_NAMES.map((n) => [n, this.view(n, now)])) as Record<ServiceName, ServiceView>;
    return { state: kill.halted ? 'halted' : 'running', kill: kill.kill, services };
  }
}

export function statusOf(event: HeartbeatEvent, ageMs: number): ServiceStatus {
  if (event.state === 'stopping') return 'down';
  if (ageMs > STALE_AFTER_INTERVALS * event.intervalMs) return 'stale';
  // A starting service has not read the kill state yet and refuses work: it counts as halted.
  return event.state === 'running' ? 'up' : 'halted';
}

/** 200 only when the system runs and every service is up. */
export function isHealthy(status: SystemStatus): boolean {
  return status.state === 'running' && Object.values(status.services).every((s) => s.status === 'up');
}
