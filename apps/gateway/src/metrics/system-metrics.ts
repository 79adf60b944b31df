import { KillSwitch, StatusBoard, type SystemStatus } from '@polytrader/platform';
import { Gauge, Registry } from 'prom-client';

const BREAKER_VALUE: Record<string, number> = { closed: 0, half_open: 1, open: 2 };
const STATUSES = ['up', 'halted', 'stale', 'down'] as const;

/**
 * The system's picture from heartbeats, per service (label `service`): status, RSS, uptime, heartbeat age,
 * breakers — read from the status board at scrape time, so a scrape never shows a figure older than the
 * last heartbeat — and the halt flag. The services' own registries (the gateway's included) come beside it.
 */
export function systemMetricsRegistry(board: StatusBoard, killSwitch: KillSwitch, nowMs: () => number = Date.now): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'gateway' });
  const snapshot = (): SystemStatus => board.snapshot({ halted: killSwitch.isHalted(), kill: killSwitch.current.kill });
  type View = SystemStatus['services'][keyof SystemStatus['services']];
  // one shape for every per-service family: reset, then one or more samples per service from the board
  const fromServices = (name: string, help: string, labelNames: string[], emit: (set: (labels: Record<string, string>, v: number) => void, service: string, view: View) => void) =>
    new Gauge({
      name, help, labelNames, registers: [registry],
      collect() {
        this.reset();
        for (const [service, view] of Object.entries(snapshot().services)) emit((labels, v) => this.set(labels, v), service, view);
      },
    });
  const perService = (name: string, help: string, read: (view: View) => number | null) =>
    fromServices(name, help, ['service'], (set, service, view) => {
      const v = read(view);
      if (v !== null) set({ service }, v);
    });
  fromServices('polytrader_service_status', 'Service status from its heartbeats: 1 for the current one of up, halted, stale, down', ['service', 'status'],
    (set, service, view) => { for (const status of STATUSES) set({ service, status }, view.status === status ? 1 : 0); });
  perService('polytrader_service_resident_memory_bytes', 'Resident set size the service last reported', (v) => v.rssBytes);
  perService('polytrader_service_uptime_seconds', 'Uptime the service last reported', (v) => v.uptimeS);
  perService('polytrader_service_heartbeat_age_seconds', 'Seconds since the last heartbeat', (v) => (v.lastHeartbeat ? (nowMs() - Date.parse(v.lastHeartbeat)) / 1000 : null));
  fromServices('polytrader_breaker_state', 'Circuit breaker per outside API: 0 closed, 1 half open, 2 open', ['service', 'api'],
    (set, service, view) => { for (const [api, state] of Object.entries(view.breakers ?? {})) set({ service, api }, BREAKER_VALUE[state] ?? -1); });
  new Gauge({
    name: 'polytrader_system_halted', help: '1 while the kill switch holds', registers: [registry],
    collect() { this.set(killSwitch.isHalted() ? 1 : 0); },
  });
  return registry;
}
