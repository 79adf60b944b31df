import { calendarMarketOf, type MarketRecord } from '@polytrader/persistence';
import { entryBlocker, upcomingCalendar, type CalendarEvent } from '@polytrader/quant';

export interface CalendarRow {
  at: string;
  kind: 'resolution' | 'event';
  /** the event's name, or the resolving market's question */
  what: string;
  marketIds: readonly string[];
  /** now is inside the no-entry window before it (or past a resolution date, awaiting resolution) */
  noEntry: boolean;
}

export interface CalendarView {
  now: string;
  range: { from: string; to: string };
  noEntryWindowH: number;
  entries: CalendarRow[];
  /** with `marketId`: whether that market takes new entries now, and what blocks it */
  market?: { id: string; noEntry: boolean; blocker: { kind: 'resolution' | 'event'; name: string; at: string } | null };
}

const H = 3_600_000;

/**
 * Resolutions (end dates from Gamma, markets not closed) and `calendar.events` in [from, to], oldest first,
 * each marked with the signals service's no-entry rule as it stands now (the quant calendar's entryBlocker),
 * whatever the range. With one market, only what concerns it, and its entry status.
 */
export function calendarView(
  markets: readonly MarketRecord[], events: readonly CalendarEvent[], window: { nowMs: number; fromMs: number; toMs: number; windowH: number }, marketId?: string,
): CalendarView {
  const { nowMs, fromMs, toMs, windowH } = window;
  const windowMs = windowH * H;
  const open = markets.filter((m) => m.active && !m.closed).map(calendarMarketOf);
  const byId = new Map(markets.map((m) => [m.id, m]));
  let entries = upcomingCalendar(open, events, fromMs, toMs - fromMs, windowMs);
  if (marketId !== undefined) entries = entries.filter((e) => e.marketIds.includes(marketId));
  const view: CalendarView = {
    now: new Date(nowMs).toISOString(),
    range: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
    noEntryWindowH: windowH,
    entries: entries.map((e) => ({
      at: new Date(e.atMs).toISOString(), kind: e.kind, what: e.kind === 'resolution' ? (byId.get(e.name)?.question ?? e.name) : e.name, marketIds: e.marketIds,
      noEntry: nowMs >= e.atMs - windowMs && (e.kind === 'resolution' || nowMs < e.atMs),
    })),
  };
  const market = marketId === undefined ? undefined : byId.get(marketId);
  if (market) {
    const b = entryBlocker(calendarMarketOf(market), events, nowMs, windowMs);
    view.market = { id: market.id, noEntry: b !== null, blocker: b && { kind: b.kind, name: b.name, at: new Date(b.atMs).toISOString() } };
  }
  return view;
}
