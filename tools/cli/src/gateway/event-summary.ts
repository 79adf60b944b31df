import { cut, fixed } from './table';

type Data = Record<string, unknown>;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown, digits = 3): string => (typeof v === 'number' ? fixed(v, digits) : '');
const list = (v: unknown): string => (Array.isArray(v) ? v.map(String).join('; ') : '');

/** One short human summary per stream event (the JSON payload of libs/contracts' event types). */
const SUMMARIES: Record<string, (d: Data) => string> = {
  services: (d) => {
    const services = Object.entries((d.services ?? {}) as Record<string, { status?: string }>);
    const notUp = services.filter(([, v]) => v.status !== 'up').map(([n, v]) => `${n} ${v.status}`);
    const kill = d.kill as { reason?: string; source?: string } | null;
    return `${str(d.state)}, ${services.length - notUp.length}/${services.length} up${notUp.length ? ` (${notUp.join(', ')})` : ''}${d.state === 'halted' && kill ? `; halted by ${str(kill.source)}: ${str(kill.reason)}` : ''}`;
  },
  'trading-state': (d) => {
    const t = d.trading as { tradingState?: string; why?: string | null } | null;
    return t ? `${str(t.tradingState)}${t.why ? `: ${t.why}` : ''}` : 'not known yet';
  },
  'signal.generated': (d) => `${str(d.side)} ${str(d.outcome)} of ${str(d.marketId)} @ ${num(d.price)} size ${num(d.size, 2)} ${str(d.strength)} (confidence ${num(d.confidence, 2)}) ${cut(list(d.reasons), 60)}`,
  'signal.rebalance': (d) => {
    const s = (Array.isArray(d.suggestions) ? d.suggestions : []) as Data[];
    return `${s.length} suggestion(s): ${cut(s.map((x) => `${str(x.action)} ${str(x.marketId)} ${num(x.currentSize, 2)}→${num(x.targetSize, 2)}`).join(', '), 100)}`;
  },
  'risk.approved': (d) => `${str(d.signalId)} on ${str(d.marketId)} size ${num(d.size, 2)} [${str(d.tradingState)}] ${cut(list(d.reasons), 80)}`,
  'risk.rejected': (d) => `${str(d.signalId)} on ${str(d.marketId)} [${str(d.tradingState)}] ${cut(list(d.reasons), 80)}`,
  'risk.warning': (d) => `${str(d.limit)} ${num(d.value)} (threshold ${num(d.threshold)}): ${cut(str(d.message), 80)}`,
  'risk.command': (d) => `${str(d.command)}${d.reason ? `: ${str(d.reason)}` : ''} (by ${str(d.source)})`,
  'trade.opened': (d) => trade(d),
  'trade.closed': (d) => `${trade(d)}${typeof d.realizedPnl === 'number' ? ` realized ${num(d.realizedPnl, 2)}` : ''}`,
  'alert.sent': (d) => `${str(d.kind)} to ${str(d.chatId)} (${str(d.attempts)} attempt(s))`,
  'alert.failed': (d) => `${str(d.kind)} to ${str(d.chatId)} failed after ${str(d.attempts)} attempt(s): ${cut(str(d.error), 80)}`,
  'analysis.quality': (d) => `${str(d.severity)} ${str(d.kind)} on ${str(d.marketId)}: ${cut(str(d.detail), 80)}`,
  'analysis.correlation': (d) => `${str(d.marketId)} rank ${str(d.rank)} ${str(d.direction)} p ${num(d.minPAdjusted, 4)} lag ${str(d.bestLag)}`,
  'market.cycle.completed': (d) => {
    const errors = Array.isArray(d.errors) ? (d.errors as Data[]).reduce((n, e) => n + (typeof e.count === 'number' ? e.count : 0), 0) : 0;
    return `${str(d.outcome)}: ${str(d.markets)} markets, ${str(d.snapshots)} snapshots, ${str(d.books)} books in ${str(d.durationMs)} ms${errors ? `, ${errors} API error(s)` : ''}`;
  },
  'system.kill': (d) => `${str(d.reason)} (by ${str(d.source)})`,
  'system.reset': (d) => `${str(d.reason)} (by ${str(d.source)})`,
  resync: () => 'the gateway could not replay every missed event: some were skipped',
};

function trade(d: Data): string {
  return `${str(d.side)} ${num(d.size, 2)} ${str(d.outcome) || str(d.tokenId)} of ${str(d.marketId)} @ ${num(d.price)} (${str(d.trigger) || str(d.mode)})`;
}

/** `10:00:01  signal.generated        BUY Yes of m1 @ 0.42 …`: the event's own time (UTC) when it has one. */
export function eventLine(event: string, data: string, nowMs = Date.now()): string {
  let d: Data = {};
  try {
    const parsed: unknown = JSON.parse(data);
    if (parsed && typeof parsed === 'object') d = parsed as Data;
  } catch {
    return `${time(undefined, nowMs)}  ${event.padEnd(22)}  ${cut(data, 120)}`;
  }
  const summary = SUMMARIES[event]?.(d) ?? cut(JSON.stringify(d), 120);
  return `${time(d.ts, nowMs)}  ${event.padEnd(22)}  ${summary}`;
}

function time(ts: unknown, nowMs: number): string {
  const t = typeof ts === 'string' && !Number.isNaN(Date.parse(ts)) ? new Date(ts) : new Date(nowMs);
  return t.toISOString().slice(11, 19);
}
