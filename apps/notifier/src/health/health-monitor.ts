import { HeartbeatEvent, SERVICE_NAMES, ServiceName } from '@polytrader/contracts';
import { ServiceStatus, StatusBoard } from '@polytrader/platform';
import type { HealthChange, HealthSummary } from '../alerts/messages';

interface Known {
  status: ServiceStatus;
  /** a stale/down alert went out and no recovery yet */
  alerted: boolean;
  breakers: Record<string, string>;
}

/**
 * Turns heartbeats into health changes, judging staleness exactly as the gateway's /status does (the
 * platform's StatusBoard): a service seen before that turns stale or down, its recovery, a circuit
 * breaker that opens. A service never seen is not reported (it may not be started yet), and a halt is
 * not a health problem (the EMERGENCY alert says it). The notifier does not report on itself.
 */
export class HealthMonitor {
  readonly board = new StatusBoard();
  private readonly known = new Map<ServiceName, Known>();

  constructor(private readonly self: string) {}

  record(event: HeartbeatEvent, receivedAt = Date.now()): HealthChange[] {
    this.board.record(event, receivedAt);
    return this.check(receivedAt);
  }

  /** Changes since the last check, at time `now`. */
  check(now = Date.now()): HealthChange[] {
    const changes: HealthChange[] = [];
    for (const name of SERVICE_NAMES) {
      if (name === this.self) continue;
      const view = this.board.view(name, now);
      if (view.lastHeartbeat === null) continue;
      const before = this.known.get(name);
      const breakers = view.breakers ?? {};
      if (!before) {
        this.known.set(name, { status: view.status, alerted: false, breakers });
        continue;
      }
      const status = view.status;
      if (status !== before.status) {
        if (status === 'stale' || status === 'down') {
          if (!before.alerted || before.status !== status) {
            changes.push(status === 'stale'
              ? { kind: 'stale', service: name, ageS: (now - Date.parse(view.lastHeartbeat)) / 1000 }
              : { kind: 'down', service: name });
          }
          before.alerted = true;
        } else if (before.alerted) {
          changes.push({ kind: 'recovered', service: name, was: before.status });
          before.alerted = false;
        }
        before.status = status;
      }
      for (const [api, state] of Object.entries(breakers)) {
        if (state === 'open' && before.breakers[api] !== 'open') changes.push({ kind: 'breaker_open', service: name, api });
      }
      before.breakers = breakers;
    }
    return changes;
  }

  /** For /status and the daily summary: services up, and the others with their status. */
  summary(now = Date.now()): HealthSummary {
    const problems: HealthSummary['problems'] = [];
    let up = 0;
    for (const name of SERVICE_NAMES) {
      const status = this.board.view(name, now).status;
      if (status === 'up') up++;
      else problems.push({ service: name, status });
    }
    return { up, total: SERVICE_NAMES.length, problems };
  }
}
