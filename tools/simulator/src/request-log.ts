import type { FaultKind } from './faults';

export interface RequestLogEntry {
  /** arrival time on the simulator clock (epoch ms) */
  readonly ts: number;
  readonly method: string;
  /** path and query; a Telegram bot token is shown as <bot id>:*** */
  readonly path: string;
  /** route name ('gamma.markets', 'telegram.sendMessage', '__sim.truth', 'unknown') */
  readonly route: string;
  /** HTTP status sent; 0 when a 'timeout' fault held the request without an answer */
  readonly status: number;
  /** the fault that shaped the answer, if any ('latency' included) */
  readonly fault?: FaultKind;
  /** wall-clock time to answer (ms) */
  readonly durationMs: number;
}

const MAX_ENTRIES = 100_000;

/** Every request, in arrival order of completion; the oldest drop out past 100,000 entries. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES * 1.1) this.entries = this.entries.slice(-MAX_ENTRIES);
  }

  since(sinceMs = -Infinity): RequestLogEntry[] {
    return this.entries.filter((e) => e.ts >= sinceMs);
  }
}

export function redactPath(pathAndQuery: string): string {
  return pathAndQuery.replace(/\/bot(\d*):[^/?]*/, '/bot$1:***');
}
