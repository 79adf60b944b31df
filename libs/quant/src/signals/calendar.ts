/**
 * The market calendar (docs/signals.md): resolution (end) dates from Gamma plus events listed in config.
 * No new position within the no-entry window before either. Pure, times in epoch ms.
 */

export interface CalendarEvent {
  readonly name: string;
  readonly atMs: number;
  /** market ids it concerns; with `tags` empty too, every market */
  readonly marketIds: readonly string[];
  /** markets carrying any of these tags (or as category), case-insensitive */
  readonly tags: readonly string[];
}

export interface CalendarMarket {
  readonly id: string;
  readonly endDateMs: number | null;
  readonly category: string | null;
  readonly tags: readonly string[];
}

export interface EntryBlocker {
  readonly kind: 'resolution' | 'event';
  readonly name: string;
  readonly atMs: number;
}

/** Whether a config event concerns the market. */
/** Calendar events as the config lists them (`calendar.events`; dates validated as ISO-8601 at start-up). */
export function calendarEventsOf(events: readonly { name: string; date: string; market_ids: readonly string[]; tags: readonly string[] }[]): CalendarEvent[] {
  return events.map((e) => ({ name: e.name, atMs: Date.parse(e.date), marketIds: e.market_ids, tags: e.tags }));
}

export function eventApplies(event: CalendarEvent, market: CalendarMarket): boolean {
  if (event.marketIds.length === 0 && event.tags.length === 0) return true;
  if (event.marketIds.includes(market.id)) return true;
  if (event.tags.length === 0) return false;
  const wanted = new Set(event.tags.map((t) => t.toLowerCase()));
  return [market.category, ...market.tags].some((t) => t !== null && wanted.has(t.toLowerCase()));
}

/**
 * What forbids a new entry now, or null. The resolution blocks from `windowMs` before the end date on —
 * also after it (a market past its end date awaits resolution). An event blocks from `windowMs` before it
 * until it happens. Of several, the earliest is named.
 */
export function entryBlocker(market: CalendarMarket, events: readonly CalendarEvent[], nowMs: number, windowMs: number): EntryBlocker | null {
  const found: EntryBlocker[] = [];
  if (market.endDateMs !== null && Number.isFinite(market.endDateMs) && nowMs >= market.endDateMs - windowMs) {
    found.push({ kind: 'resolution', name: 'resolution', atMs: market.endDateMs });
  }
  for (const e of events) {
    if (nowMs >= e.atMs - windowMs && nowMs < e.atMs && eventApplies(e, market)) found.push({ kind: 'event', name: e.name, atMs: e.atMs });
  }
  found.sort((a, b) => a.atMs - b.atMs);
  return found[0] ?? null;
}

export interface CalendarEntry {
  readonly atMs: number;
  readonly kind: 'resolution' | 'event';
  readonly name: string;
  /** the market resolving, or the markets an event concerns */
  readonly marketIds: readonly string[];
  /** now is within the no-entry window before it */
  readonly noEntry: boolean;
}

/** Resolutions and events from now to now + horizonMs, oldest first (ties: resolutions first, then by name). */
export function upcomingCalendar(
  markets: readonly CalendarMarket[], events: readonly CalendarEvent[], nowMs: number, horizonMs: number, windowMs: number,
): CalendarEntry[] {
  const out: CalendarEntry[] = [];
  const until = nowMs + horizonMs;
  for (const m of markets) {
    if (m.endDateMs === null || !(m.endDateMs >= nowMs && m.endDateMs <= until)) continue;
    out.push({ atMs: m.endDateMs, kind: 'resolution', name: m.id, marketIds: [m.id], noEntry: nowMs >= m.endDateMs - windowMs });
  }
  for (const e of events) {
    if (!(e.atMs >= nowMs && e.atMs <= until)) continue;
    const ids = markets.filter((m) => eventApplies(e, m)).map((m) => m.id);
    out.push({ atMs: e.atMs, kind: 'event', name: e.name, marketIds: ids, noEntry: nowMs >= e.atMs - windowMs });
  }
  return out.sort((a, b) => a.atMs - b.atMs || (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'resolution' ? -1 : 1));
}
