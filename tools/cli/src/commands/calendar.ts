import { AppConfig } from '@polytrader/platform';
import { MarketRecord, MarketStore, calendarMarketOf, createDataSource } from '@polytrader/persistence';
import { CalendarEntry, calendarEventsOf, entryBlocker, upcomingCalendar } from '@polytrader/quant';
import { cut, minute, renderTable } from '../gateway/table';
import { gatewayClient } from './read';
import { resolveRunAndSay } from './resolve-run';

export interface CalendarOptions {
  /** look ahead this many days (default 7) */
  days?: number;
  /** only what concerns this market, with its entry status now */
  market?: string;
  json: boolean;
  /** --db <url|path>: read this database directly (offline) */
  db?: string;
  /** --gateway <url> */
  gateway?: string;
}

/** One calendar line, as GET /api/calendar sends it (apps/gateway/src/calendar/calendar-view.ts) and as read offline. */
export interface CalendarRow {
  at: string;
  kind: CalendarEntry['kind'];
  /** the event's name, or the resolving market's question */
  what: string;
  marketIds: readonly string[];
  noEntry: boolean;
}

/** One market's entry status now (`--market`), as the API's `market`. */
export interface CalendarMarketStatus {
  id: string;
  noEntry: boolean;
  blocker: { kind: CalendarEntry['kind']; name: string; at: string } | null;
}

/** GET /api/calendar */
export interface CalendarBody {
  now: string;
  range: { from: string; to: string };
  noEntryWindowH: number;
  entries: CalendarRow[];
  market?: CalendarMarketStatus;
}

const DAY_MS = 86_400_000;
const H = 3_600_000;

type Deps = { config?: AppConfig; nowMs?: number; write?: (s: string) => void };

/**
 * `polytrader calendar [--days N] [--market ID] [--json]`: upcoming resolutions (end dates of active markets,
 * from Gamma) and `calendar.events`, oldest first, marking what is inside the no-entry window
 * (`signals.no_entry_before_resolution_h`), where the signals service opens no new position.
 * Through the gateway (GET /api/calendar from now to now + N days) unless `--db` names a database
 * (or a test hands in its config), which is read directly (offline).
 */
export async function calendar(options: CalendarOptions, deps: Deps = {}): Promise<number> {
  const write = deps.write ?? ((s: string) => void process.stdout.write(s));
  const days = options.days ?? 7;
  if (options.db === undefined && deps.config === undefined) {
    const nowMs = deps.nowMs ?? Date.now();
    const body = await gatewayClient(options.gateway).get<CalendarBody>('/api/calendar', {
      from: new Date(nowMs).toISOString(), to: new Date(nowMs + days * DAY_MS).toISOString(), marketId: options.market,
    });
    write(options.json ? `${JSON.stringify(body, null, 2)}\n` : calendarTable(body.entries, { nowMs: Date.parse(body.now), days, windowH: body.noEntryWindowH, market: body.market }));
    return 0;
  }
  const config = deps.config ?? resolveRunAndSay({ db: options.db }).config;
  const ds = await createDataSource(config.storage);
  let markets: MarketRecord[];
  try {
    markets = (await new MarketStore(ds).markets()).filter((m) => m.active && !m.closed);
  } finally {
    await ds.destroy();
  }
  write(renderCalendar(markets, config, deps.nowMs ?? Date.now(), days, options.json, options.market));
  return 0;
}

/** The offline reading: the database's open markets and the config's events, as the table or as JSON (with inHours). */
export function renderCalendar(markets: readonly MarketRecord[], config: AppConfig, nowMs: number, days: number, json: boolean, marketId?: string): string {
  const windowH = config.signals.no_entry_before_resolution_h;
  const events = calendarEventsOf(config.calendar.events);
  let entries = upcomingCalendar(markets.map(calendarMarketOf), events, nowMs, days * DAY_MS, windowH * H);
  let market: CalendarMarketStatus | undefined;
  if (marketId !== undefined) {
    const m = markets.find((x) => x.id === marketId);
    if (!m) throw new Error(`no open market with id ${JSON.stringify(marketId)} in the database`);
    entries = entries.filter((e) => e.marketIds.includes(marketId));
    const b = entryBlocker(calendarMarketOf(m), events, nowMs, windowH * H);
    market = { id: m.id, noEntry: b !== null, blocker: b && { kind: b.kind, name: b.name, at: new Date(b.atMs).toISOString() } };
  }
  const byId = new Map(markets.map((m) => [m.id, m]));
  const rows = entries.map((e) => toRow(e, byId));
  if (json) {
    const withHours = rows.map((r) => ({ ...r, inHours: (Date.parse(r.at) - nowMs) / H }));
    return `${JSON.stringify({ now: new Date(nowMs).toISOString(), days, noEntryWindowH: windowH, entries: withHours, ...(market ? { market } : {}) }, null, 2)}\n`;
  }
  return calendarTable(rows, { nowMs, days, windowH, market });
}

/** The one calendar table, whichever source the rows came from; a summary line, and the market's entry status with --market. */
export function calendarTable(rows: readonly CalendarRow[], ctx: { nowMs: number; days: number; windowH: number; market?: CalendarMarketStatus }): string {
  const { nowMs, days, windowH, market } = ctx;
  const status = market ? `${marketStatusLine(market)}\n` : '';
  if (rows.length === 0) return `nothing resolves or happens in the next ${days} day(s)\n${status}`;
  const table = renderTable(['when (UTC)', 'in', 'kind', 'what', 'markets', 'no entry'], rows.map((r) => [
    minute(r.at), `${((Date.parse(r.at) - nowMs) / H).toFixed(1)} h`, r.kind, cut(r.what, 60),
    r.marketIds.length > 3 ? `${r.marketIds.length} markets` : r.marketIds.join(', '), r.noEntry ? 'yes' : '',
  ]));
  const blocked = rows.filter((r) => r.noEntry).length;
  return `${table}${rows.length} upcoming in ${days} day(s); ${blocked} inside the ${windowH} h no-entry window\n${status}`;
}

function marketStatusLine(m: CalendarMarketStatus): string {
  if (!m.blocker) return `${m.id} takes new entries now`;
  const what = m.blocker.kind === 'resolution' ? 'its resolution' : `event ${JSON.stringify(m.blocker.name)}`;
  return `${m.id} takes no new entry now: ${what} at ${minute(m.blocker.at)} UTC`;
}

function toRow(e: CalendarEntry, byId: ReadonlyMap<string, MarketRecord>): CalendarRow {
  const what = e.kind === 'resolution' ? (byId.get(e.name)?.question ?? e.name) : e.name;
  return { at: new Date(e.atMs).toISOString(), kind: e.kind, what, marketIds: e.marketIds, noEntry: e.noEntry };
}
