import type { TradingState } from '@polytrader/contracts';

/** What moved the trading state: a kill or reset (CONTROL), a reduce/resume command or a limit warning (RISK). */
export type StateEventKind = 'kill' | 'reset' | 'reduce' | 'resume' | 'warning';

export interface StateEvent {
  readonly kind: StateEventKind;
  readonly reason: string;
  readonly source: string;
  /** when JetStream stored it (ISO): one clock for every service's events */
  readonly ts: string;
  readonly stream: string;
  readonly seq: number;
}

export interface StateTransition extends StateEvent {
  readonly from: TradingState;
  readonly to: TradingState;
}

/**
 * The trading state after each event, oldest first, starting ACTIVE. HALTED from a kill to the next
 * reset; REDUCING from a reduce command to a resume, and (risk's automatic REDUCING) from a daily-loss or
 * drawdown warning until the next event: risk leaves the automatic REDUCING by itself when the figure
 * recovers or the day turns, and publishes nothing then, so that exit is not in the history.
 */
export function stateTransitions(events: readonly StateEvent[]): StateTransition[] {
  const sorted = [...events].sort((a, b) => a.ts.localeCompare(b.ts) || a.stream.localeCompare(b.stream) || a.seq - b.seq);
  let halted = false;
  let commanded = false;
  let state: TradingState = 'ACTIVE';
  const out: StateTransition[] = [];
  for (const e of sorted) {
    if (e.kind === 'kill') halted = true;
    if (e.kind === 'reset') halted = false;
    if (e.kind === 'reduce') commanded = true;
    if (e.kind === 'resume') commanded = false;
    const to: TradingState = halted ? 'HALTED' : commanded || e.kind === 'warning' ? 'REDUCING' : 'ACTIVE';
    out.push({ ...e, from: state, to });
    state = to;
  }
  return out;
}
