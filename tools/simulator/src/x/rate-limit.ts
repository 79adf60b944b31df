import { INTERVAL_MS } from '../clock';

export interface RateState {
  readonly allowed: boolean;
  readonly headers: Record<string, string>;
}

/**
 * X's per-route 15-minute windows (aligned to the simulator's 15-minute grid): every answered
 * request uses one unit; `x-rate-limit-remaining` counts down; past zero the route answers 429
 * until `x-rate-limit-reset` (the window's end, unix seconds).
 */
export class XRateLimits {
  private readonly used = new Map<string, { window: number; used: number }>();

  constructor(private readonly limit: number) {}

  take(route: string, nowMs: number): RateState {
    const window = Math.floor(nowMs / INTERVAL_MS);
    let state = this.used.get(route);
    if (!state || state.window !== window) {
      state = { window, used: 0 };
      this.used.set(route, state);
    }
    const reset = ((window + 1) * INTERVAL_MS) / 1000;
    const allowed = state.used < this.limit;
    if (allowed) state.used++;
    const headers: Record<string, string> = {
      'x-rate-limit-limit': String(this.limit),
      'x-rate-limit-remaining': String(this.limit - state.used),
      'x-rate-limit-reset': String(reset),
    };
    if (!allowed) headers['retry-after'] = String(Math.max(1, Math.ceil(reset - nowMs / 1000)));
    return { allowed, headers };
  }
}
