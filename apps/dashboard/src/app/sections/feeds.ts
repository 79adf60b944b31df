import type { AlertDeliveryRecord, CalendarBody, QualityIssueRecord } from '../api-types';
import { h, replace, sectionBody, table, waiting } from '../dom';
import { clock, short, time } from '../format';
import { model } from '../model';

export function renderAlerts(): void {
  const body = sectionBody('alerts');
  const rows = model.alerts;
  if (!rows) return replace(body, waiting(model.errors.alerts ?? 'waiting for the database…'));
  if (rows.length === 0) return replace(body, waiting('no alert delivered yet: waiting for the notifier'));
  replace(body, table<AlertDeliveryRecord>([
    { head: 'at', cell: (a) => h('span', { title: time(a.ts) }, clock(a.ts)) },
    { head: 'kind', cell: (a) => a.kind },
    { head: 'delivery', cell: (a) => h('span', { class: a.status === 'sent' ? 'pos' : 'neg', title: a.error ?? '' }, `${a.status} (${a.attempts}×)`) },
    { head: 'chat', cell: (a) => a.chatId },
    { head: 'error', cell: (a) => (a.error ? short(a.error, 60) : '') },
  ], rows));
}

export function renderQuality(): void {
  const body = sectionBody('quality');
  const rows = model.quality;
  if (!rows) return replace(body, waiting(model.errors.quality ?? 'waiting for the database…'));
  if (rows.length === 0) return replace(body, waiting('no quality issue found: the analyzer checks every collection cycle'));
  replace(body, table<QualityIssueRecord>([
    { head: 'at', cell: (q) => h('span', { title: time(q.ts) }, clock(q.ts)) },
    { head: 'severity', cell: (q) => h('span', { class: `sev-${q.severity}` }, q.severity) },
    { head: 'kind', cell: (q) => q.kind },
    { head: 'market', cell: (q) => h('span', { class: 'id', title: q.marketId }, short(q.marketId, 14)) },
    { head: 'detail', cell: (q) => short(q.detail, 80) },
  ], rows));
}

/** How many upcoming calendar entries the card lists. */
const CALENDAR_ROWS = 12;

export function renderCalendar(): void {
  const body = sectionBody('calendar');
  const cal = model.calendar;
  if (!cal) return replace(body, waiting(model.errors.calendar ?? 'waiting for the database…'));
  if (cal.entries.length === 0) return replace(body, waiting('nothing resolves or happens in the next 7 days: waiting for the collector\'s markets or calendar.events'));
  replace(body, table<CalendarBody['entries'][number]>([
    { head: 'when', cell: (e) => h('span', { title: time(e.at) }, time(e.at)) },
    { head: 'kind', cell: (e) => e.kind },
    { head: 'what', cell: (e) => h('span', { title: e.what }, short(e.what, 60)) },
    { head: 'markets', cell: (e) => (e.marketIds.length > 2 ? `${e.marketIds.length} markets` : e.marketIds.join(', ')) },
    { head: 'entries', cell: (e) => (e.noEntry ? h('span', { class: 'neg', title: `inside the ${cal.noEntryWindowH} h no-entry window` }, 'blocked') : '') },
  ], cal.entries.slice(0, CALENDAR_ROWS)));
}
