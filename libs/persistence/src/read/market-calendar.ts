import { entryBlocker, upcomingCalendar, type CalendarEvent, type CalendarMarket } from '@polytrader/quant';
import type { MarketRecord } from '../records';

/** How far ahead a market's calendar status lists what comes. */
export const MARKET_CALENDAR_DAYS = 30;

/** What the market detail needs of the calendar config: `calendar.events` and `signals.no_entry_before_resolution_h`. */
export interface MarketCalendarSettings {
  events: readonly CalendarEvent[];
  noEntryWindowH: number;
}

export interface MarketCalendarStatus {
  /** the signals service opens no new position in this market now */
  noEntry: boolean;
  blocker: { kind: 'resolution' | 'event'; name: string; at: string } | null;
  noEntryWindowH: number;
  /** its resolution and the events that concern it in the next MARKET_CALENDAR_DAYS, oldest first */
  upcoming: { at: string; kind: 'resolution' | 'event'; name: string; noEntry: boolean }[];
}

const H = 3_600_000;

export function calendarMarketOf(m: MarketRecord): CalendarMarket {
  return { id: m.id, endDateMs: m.endDate ? Date.parse(m.endDate) : null, category: m.category, tags: m.tags };
}

/** One market's entry status now under the calendar rule (quant's entryBlocker), and what comes next. */
export function marketCalendarStatus(market: MarketRecord, settings: MarketCalendarSettings, nowMs: number): MarketCalendarStatus {
  const m = calendarMarketOf(market);
  const windowMs = settings.noEntryWindowH * H;
  const b = entryBlocker(m, settings.events, nowMs, windowMs);
  const upcoming = upcomingCalendar([m], settings.events, nowMs, MARKET_CALENDAR_DAYS * 24 * H, windowMs)
    .filter((e) => e.marketIds.includes(m.id))
    .map((e) => ({ at: new Date(e.atMs).toISOString(), kind: e.kind, name: e.kind === 'resolution' ? 'resolution' : e.name, noEntry: e.noEntry }));
  return {
    noEntry: b !== null, blocker: b && { kind: b.kind, name: b.name, at: new Date(b.atMs).toISOString() },
    noEntryWindowH: settings.noEntryWindowH, upcoming,
  };
}
