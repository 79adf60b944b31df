import { AppConfig } from '@polytrader/platform';
import { MarketRecord, MarketStore, createDataSource } from '@polytrader/persistence';
import { CalendarEntry, calendarEventsOf, upcomingCalendar } from '@polytrader/quant';
import Table from 'cli-table3';
import { resolveRunAndSay } from './resolve-run';

export interface CalendarOptions {
  /** look ahead this many days (default 7) */
  days?: number;
  json: boolean;
  /** --db <url|path> */
  db?: string;
}

const DAY_MS = 86_400_000;
const H = 3_600_000;

/**
 * `polytrader calendar [--days N] [--json]`: upcoming resolutions (end dates of active markets, from Gamma)
 * and `calendar.events`, oldest first, marking what is inside the no-entry window
 * (`signals.no_entry_before_resolution_h`), where the signals service opens no new position.
 */
export async function calendar(options: CalendarOptions, deps: { config?: AppConfig; nowMs?: number; write?: (s: string) => void } = {}): Promise<number> {
  const config = deps.config ?? resolveRunAndSay({ db: options.db }).config;
  const write = deps.write ?? ((s: string) => void process.stdout.write(s));
  const days = options.days ?? 7;
  const ds = await createDataSource(config.storage);
  let markets: MarketRecord[];
  try {
    markets = (await new MarketStore(ds).markets()).filter((m) => m.active && !m.closed);
  } finally {
    await ds.destroy();
  }
  write(renderCalendar(markets, config, deps.nowMs ?? Date.now(), days, options.json));
  return 0;
}

export function renderCalendar(markets: readonly MarketRecord[], config: AppConfig, nowMs: number, days: number, json: boolean): string {
  const windowH = config.signals.no_entry_before_resolution_h;
  const events = calendarEventsOf(config.calendar.events);
  const entries = upcomingCalendar(
    markets.map((m) => ({ id: m.id, endDateMs: m.endDate ? Date.parse(m.endDate) : null, category: m.category, tags: m.tags })),
    events, nowMs, days * DAY_MS, windowH * H,
  );
  const byId = new Map(markets.map((m) => [m.id, m]));
  const rows = entries.map((e) => toRow(e, byId, nowMs));
  if (json) return `${JSON.stringify({ now: new Date(nowMs).toISOString(), days, noEntryWindowH: windowH, entries: rows }, null, 2)}\n`;
  if (rows.length === 0) return `nothing resolves or happens in the next ${days} day(s)\n`;
  const table = new Table({ head: ['when (UTC)', 'in', 'kind', 'what', 'markets', 'no entry'], style: { head: [], border: [] } });
  for (const r of rows) {
    table.push([r.at.replace('T', ' ').slice(0, 16), `${r.inHours.toFixed(1)} h`, r.kind, r.what.slice(0, 60), r.marketIds.length > 3 ? `${r.marketIds.length} markets` : r.marketIds.join(', '), r.noEntry ? 'yes' : '']);
  }
  const blocked = rows.filter((r) => r.noEntry).length;
  return `${table.toString()}\n${rows.length} upcoming in ${days} day(s); ${blocked} inside the ${windowH} h no-entry window\n`;
}

interface CalendarRow {
  at: string;
  inHours: number;
  kind: CalendarEntry['kind'];
  what: string;
  marketIds: readonly string[];
  noEntry: boolean;
}

function toRow(e: CalendarEntry, byId: ReadonlyMap<string, MarketRecord>, nowMs: number): CalendarRow {
  const what = e.kind === 'resolution' ? (byId.get(e.name)?.question ?? e.name) : e.name;
  return { at: new Date(e.atMs).toISOString(), inHours: (e.atMs - nowMs) / H, kind: e.kind, what, marketIds: e.marketIds, noEntry: e.noEntry };
}
