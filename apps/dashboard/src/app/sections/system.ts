import type { ServiceView } from '../api-types';
import { bannerOf } from '../banner-state';
import { byId, h, replace, sectionBody, table, waiting } from '../dom';
import { age, bytes, clock, duration, ms, time } from '../format';
import { model } from '../model';

export function renderBanner(): void {
  const view = bannerOf(model.services ?? null, model.trading);
  const el = byId('banner');
  el.className = `banner banner-${view.kind.toLowerCase()}`;
  el.dataset.state = view.kind;
  byId('banner-state').textContent = view.kind;
  const why = [view.reason, view.source && `by ${view.source}`, view.ts && `at ${time(view.ts)}`].filter(Boolean).join(' · ');
  byId('banner-why').textContent = why;
  byId<HTMLButtonElement>('kill').disabled = view.kind === 'HALTED' || view.kind === 'CONNECTING';
  byId<HTMLButtonElement>('reset').disabled = view.kind !== 'HALTED';
}

type Row = [name: string, view: ServiceView];

function breakers(v: ServiceView): HTMLElement | string {
  const entries = Object.entries(v.breakers ?? {});
  if (entries.length === 0) return '–';
  return h('span', {}, ...entries.map(([api, state]) => h('span', { class: `breaker breaker-${state}` }, `${api}: ${state}`)));
}

export function renderServices(now = Date.now()): void {
  const body = sectionBody('services');
  if (!model.services) return replace(body, waiting(model.errors.services ?? 'waiting for the first heartbeats from the gateway…'));
  const rows: Row[] = Object.entries(model.services.services);
  replace(body, table<Row>([
    { head: 'service', cell: ([n]) => n },
    { head: 'status', cell: ([, v]) => h('span', { class: `status status-${v.status}` }, v.status) },
    { head: 'heartbeat', cell: ([, v]) => (v.lastHeartbeat ? `${age(v.lastHeartbeat, now)} ago` : 'never'), num: true },
    { head: 'uptime', cell: ([, v]) => duration(v.uptimeS), num: true },
    { head: 'RSS', cell: ([, v]) => bytes(v.rssBytes), num: true },
    { head: 'lag p99', cell: ([, v]) => ms(v.eventLoopLagMs), num: true },
    { head: 'breakers', cell: ([, v]) => breakers(v) },
    { head: 'version', cell: ([, v]) => v.version ?? '–' },
  ], rows, ([n, v]) => `service-${n} ${v.status === 'stale' || v.status === 'down' ? 'bad' : ''}`));
}

/** Each service's last cycle (its stage of the pipeline) from the heartbeats, and the collector's last cycles from the bus. */
export function renderCycles(): void {
  const body = sectionBody('cycles');
  const stages = Object.entries(model.services?.services ?? {}).filter(([, v]) => v.lastCycle);
  const parts: Node[] = [];
  if (stages.length) {
    parts.push(table<Row>([
      { head: 'stage', cell: ([n, v]) => `${n}: ${v.lastCycle!.name}` },
      { head: 'at', cell: ([, v]) => h('span', { title: time(v.lastCycle!.at) }, clock(v.lastCycle!.at)) },
      { head: 'took', cell: ([, v]) => ms(v.lastCycle!.durationMs), num: true },
      { head: 'outcome', cell: ([, v]) => v.lastCycle!.outcome ?? '–' },
    ], stages));
  }
  if (model.cycles.length) {
    parts.push(h('h3', {}, 'Collection cycles'), table([
      { head: 'at', cell: (c) => h('span', { title: time(c.ts) }, clock(c.ts)) },
      { head: 'markets', cell: (c) => c.markets, num: true },
      { head: 'books', cell: (c) => c.books, num: true },
      { head: 'took', cell: (c) => ms(c.durationMs), num: true },
      { head: 'outcome', cell: (c) => c.outcome },
      { head: 'errors', cell: (c) => (c.errors.length ? c.errors.map((e) => `${e.api} ${e.kind} ×${e.count}`).join(', ') : '–') },
    ], model.cycles));
  }
  replace(body, ...(parts.length ? parts : [waiting('waiting for the first cycle (the collector runs every data_collection.interval_minutes)…')]));
}
