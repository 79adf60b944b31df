import { uniform } from './random';

export type FaultKind = '429' | '500' | 'timeout' | 'malformed' | 'missing_fields' | 'latency';

/**
 * One injected failure. `route` is a route name ('clob.book'), an API ('clob' matches every
 * clob.* route) or '*'. What each kind does:
 * - '429': status 429 with `Retry-After: retryAfterS` (default 1) and the API's own 429 body
 *   (X: the recorded body + x-rate-limit-* headers; Telegram: parameters.retry_after);
 * - '500': status 500 with the API's error body;
 * - 'timeout': the request is held open, unanswered, until the client gives up or the simulator closes;
 * - 'malformed': 200 with the real body cut in half (invalid JSON / XML); an error answer (4xx) stays as it is;
 * - 'missing_fields': 200 with records lacking required fields — the mutation per route is
 *   documented beside each handler (`MISSING_FIELDS` in gamma/, clob/, x/, rss/, telegram/);
 * - 'latency': adds `latencyMs` (default 1000) before answering; stacks with other faults.
 * `count` limits how many matching requests the fault hits (default unlimited); `probability`
 * (default 1) makes each matching request hit with that chance, drawn from the seed.
 */
export interface FaultSpec {
  route: string;
  kind: FaultKind;
  count?: number;
  retryAfterS?: number;
  latencyMs?: number;
  probability?: number;
}

export const ROUTE_NAMES = [
  'gamma.markets', 'gamma.market', 'gamma.events', 'gamma.event',
  'clob.book', 'clob.books', 'clob.midpoint', 'clob.midpoints', 'clob.price', 'clob.prices', 'clob.prices-history', 'clob.market',
  'x.counts', 'x.search', 'rss',
  'telegram.getMe', 'telegram.sendMessage', 'telegram.getUpdates',
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

const KINDS: readonly FaultKind[] = ['429', '500', 'timeout', 'malformed', 'missing_fields', 'latency'];
const APIS = ['gamma', 'clob', 'x', 'rss', 'telegram'];
const CH_FAULT = 0x0fa017;

export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

/** True when a fault's route pattern covers this route name. */
export function routeMatches(pattern: string, route: string): boolean {
  return pattern === '*' || pattern === route || route.startsWith(`${pattern}.`);
}

/** Checks a fault from the outside world; throws FaultSpecError naming the bad field. */
export function parseFaultSpec(raw: unknown): FaultSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new FaultSpecError('a fault must be an object');
  const r = raw as Record<string, unknown>;
  const route = r.route;
  const known = (ROUTE_NAMES as readonly string[]).includes(String(route)) || APIS.includes(String(route)) || route === '*'
    || /^telegram\.[A-Za-z]+$/.test(String(route));
  if (typeof route !== 'string' || !known) throw new FaultSpecError(`route: unknown route ${JSON.stringify(route)}; use one of ${['*', ...APIS, ...ROUTE_NAMES].join(', ')}`);
  if (!KINDS.includes(r.kind as FaultKind)) throw new FaultSpecError(`kind: must be one of ${KINDS.join(', ')}, got ${JSON.stringify(r.kind)}`);
  const spec: FaultSpec = { route, kind: r.kind as FaultKind };
  for (const key of ['count', 'retryAfterS', 'latencyMs', 'probability'] as const) {
    if (r[key] === undefined) continue;
    const v = r[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new FaultSpecError(`${key}: must be a non-negative number, got ${JSON.stringify(v)}`);
    if (key === 'probability' && v > 1) throw new FaultSpecError(`probability: must be within 0..1, got ${v}`);
    spec[key] = v;
  }
  return spec;
}

interface Entry {
  readonly spec: FaultSpec;
  readonly serial: number;
  remaining: number;
  draws: number;
}

export interface FaultDecision {
  /** extra latency from 'latency' faults (summed) */
  readonly latencyMs: number;
  /** the first other matching fault, if any */
  readonly fault: FaultSpec | null;
}

/** The active faults, in the order they were added; exhausted ones drop out. */
export class FaultBook {
  private entries: Entry[] = [];
  private serial = 0;

  constructor(private readonly seed: number) {}

  add(specs: FaultSpec | readonly FaultSpec[]): void {
    for (const s of Array.isArray(specs) ? specs : [specs as FaultSpec]) {
      const spec = parseFaultSpec(s);
      this.entries.push({ spec, serial: this.serial++, remaining: spec.count ?? Infinity, draws: 0 });
    }
  }

  clear(): void {
    this.entries = [];
  }

  list(): (FaultSpec & { remaining: number | null })[] {
    return this.entries.map((e) => ({ ...e.spec, remaining: Number.isFinite(e.remaining) ? e.remaining : null }));
  }

  /** Decides what happens to one request on `route`; consumes `count`s. */
  decide(route: string): FaultDecision {
    let latencyMs = 0;
    let fault: FaultSpec | null = null;
    for (const e of this.entries) {
      if (e.remaining <= 0 || !routeMatches(e.spec.route, route)) continue;
      if (e.spec.kind !== 'latency' && fault) continue;
      if (e.spec.probability !== undefined && uniform(this.seed, e.serial, e.draws++, CH_FAULT) >= e.spec.probability) continue;
      e.remaining--;
      if (e.spec.kind === 'latency') latencyMs += e.spec.latencyMs ?? 1000;
      else fault = e.spec;
    }
    this.entries = this.entries.filter((e) => e.remaining > 0);
    return { latencyMs, fault };
  }
}
