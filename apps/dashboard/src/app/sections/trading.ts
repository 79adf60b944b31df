import uPlot from 'uplot';
import type { DecisionRecord, MarkedPosition, SignalRecord, TradeRecord } from '../api-types';
import { chart, COLORS } from '../charts';
import { h, replace, sectionBody, table, waiting } from '../dom';
import { clock, money, num, pct, short, time } from '../format';
import { model } from '../model';
import { epochS } from '../series';

const signed = (v: number | null | undefined) => h('span', { class: v === null || v === undefined ? '' : v < 0 ? 'neg' : v > 0 ? 'pos' : '' }, money(v));
const at = (iso: string) => h('span', { title: time(iso) }, clock(iso));
const market = (id: string) => h('span', { class: 'id', title: id }, short(id, 14));

function figure(label: string, value: Node | string): HTMLElement {
  return h('div', { class: 'figure' }, h('div', { class: 'figure-label' }, label), h('div', { class: 'figure-value' }, value));
}

export function renderPnl(): void {
  const body = sectionBody('pnl');
  const p = model.pnl;
  const s = model.pnlSeries;
  if (!p) return replace(body, waiting(model.errors.pnl ?? 'waiting for the database (risk writes it on its first step)…'));
  const figures = h('div', { class: 'figures' },
    figure('equity', money(p.equity)),
    figure('today', signed(p.equity - p.startOfDayEquity)),
    figure('realized', signed(p.realizedPnl)),
    figure('unrealized', signed(p.unrealizedPnl)),
    figure('fees', money(p.fees)),
    figure('trades', `${p.tradesOpened} opened · ${p.tradesClosed} closed`),
    figure('max drawdown (30 d)', s?.maxDrawdown ? `${money(s.maxDrawdown.drawdown)} (${num(s.maxDrawdown.drawdownPct, 1)}%)` : '–'),
  );
  const charts: Node[] = [];
  if (!s || s.points.length < 2) {
    charts.push(waiting('equity curve: waiting for the first orders (the curve is derived from the order journal)…'));
  } else {
    const eq = h('div', { class: 'chart', 'aria-label': 'equity curve' });
    const daily = h('div', { class: 'chart', 'aria-label': 'daily PnL' });
    // bars need two days to mean anything; the table always says each day's figures
    const days = s.daily.slice(-7).reverse();
    charts.push(h('h3', {}, 'Equity'), eq, h('h3', {}, 'Daily PnL (UTC)'), ...(s.daily.length > 1 ? [daily] : []),
      days.length ? table([
        { head: 'day', cell: (d) => d.day },
        { head: 'PnL', cell: (d) => signed(d.pnl), num: true },
        { head: 'orders', cell: (d) => d.orders, num: true },
        { head: 'return', cell: (d) => `${num(d.returnPct, 2)}%`, num: true },
      ], days) : waiting('no day with orders yet'));
    // money on the y axes (wide enough for 5-digit equity); the day axis padded by a day so one bar has room
    const yMoney: uPlot.Axis = { size: 72, values: (_u, ticks) => ticks.map((t) => money(t)) };
    const DAY_S = 86_400;
    queueMicrotask(() => {
      chart(eq, { series: [{}, { label: 'equity', stroke: COLORS.equity, value: (_u, v) => money(v) }], axes: [{}, yMoney] },
        [s.points.map((x) => epochS(x.ts)), s.points.map((x) => x.equity)]);
      if (s.daily.length > 1) chart(daily, {
        scales: { x: { time: true, range: (_u, min, max) => [min - DAY_S, max + DAY_S] } },
        series: [{}, { label: 'PnL', stroke: COLORS.price, fill: 'rgba(47,111,223,0.25)', paths: barsPath(), points: { show: false }, value: (_u, v) => money(v) }],
        axes: [{}, yMoney],
      }, [s.daily.map((d) => epochS(`${d.day}T00:00:00.000Z`)), s.daily.map((d) => d.pnl)]);
    });
  }
  replace(body, figures, ...charts);
}

// uPlot ships its bars path builder on the constructor
const barsPath = () => uPlot.paths.bars!({ size: [0.6, 40] });

export function renderPositions(): void {
  const body = sectionBody('positions');
  const rows = model.positions;
  if (!rows) return replace(body, waiting(model.errors.positions ?? 'waiting for the database…'));
  if (rows.length === 0) return replace(body, waiting('no open position: waiting for an approved signal to fill'));
  replace(body, table<MarkedPosition>([
    { head: 'market', cell: (p) => market(p.marketId) },
    { head: 'outcome', cell: (p) => `${p.side} ${p.outcome}` },
    { head: 'size', cell: (p) => num(p.size, 1), num: true },
    { head: 'avg', cell: (p) => num(p.avgPrice, 3), num: true },
    { head: 'mark', cell: (p) => num(p.markPrice, 3), num: true },
    { head: 'bid / ask', cell: (p) => (p.book ? `${num(p.book.bestBid, 3)} / ${num(p.book.bestAsk, 3)}` : '–'), num: true },
    { head: 'unrealized', cell: (p) => signed(p.unrealizedPnl), num: true },
  ], rows));
}

export function renderSignals(): void {
  const body = sectionBody('signals');
  const rows = model.signals;
  if (!rows) return replace(body, waiting(model.errors.signals ?? 'waiting for the database…'));
  if (rows.length === 0) return replace(body, waiting('no signal yet: waiting for the signals service (it needs hype and a Granger result)…'));
  replace(body, table<SignalRecord>([
    { head: 'at', cell: (s) => at(s.ts) },
    { head: 'market', cell: (s) => market(s.marketId) },
    { head: 'signal', cell: (s) => h('span', { class: s.side === 'BUY' ? 'pos' : 'neg' }, `${s.side} ${s.outcome}`) },
    { head: 'price', cell: (s) => num(s.price, 3), num: true },
    { head: 'strength', cell: (s) => `${s.strength} ${pct(s.confidence, 0)}` },
    { head: 'size', cell: (s) => num(s.size, 1), num: true },
    { head: 'reasons', cell: (s) => h('span', { title: s.reasons.join('\n') }, short(s.reasons.join('; '), 80)) },
  ], rows, (s) => `signal status-${s.status}`));
  // the row ids let a test (and a person with devtools) find one signal
  body.querySelectorAll('tbody tr').forEach((tr, i) => tr.setAttribute('data-signal-id', rows[i].id));
}

export function renderDecisions(): void {
  const body = sectionBody('decisions');
  const rows = model.decisions;
  if (!rows) return replace(body, waiting(model.errors.decisions ?? 'waiting for the database…'));
  if (rows.length === 0) return replace(body, waiting('no decision yet: risk decides on each signal'));
  replace(body, table<DecisionRecord>([
    { head: 'at', cell: (d) => at(d.ts) },
    { head: 'decision', cell: (d) => h('span', { class: d.decision === 'approved' ? 'pos' : 'neg' }, d.decision) },
    { head: 'market', cell: (d) => market(d.marketId) },
    { head: 'state', cell: (d) => d.tradingState },
    { head: 'size', cell: (d) => money(d.size), num: true },
    { head: 'reasons', cell: (d) => h('span', { title: d.reasons.join('\n') }, short(d.reasons.join('; '), 100)) },
  ], rows));
}

export function renderTrades(): void {
  const body = sectionBody('trades');
  const rows = model.trades;
  if (!rows) return replace(body, waiting(model.errors.trades ?? 'waiting for the database…'));
  if (rows.length === 0) return replace(body, waiting('no trade yet: waiting for risk to fill an approved signal'));
  replace(body, table<TradeRecord>([
    { head: 'opened', cell: (t) => at(t.openedAt) },
    { head: 'market', cell: (t) => market(t.marketId) },
    { head: 'side', cell: (t) => t.side },
    { head: 'size', cell: (t) => num(t.size, 1), num: true },
    { head: 'price', cell: (t) => num(t.price, 3), num: true },
    { head: 'status', cell: (t) => `${t.status} (${t.mode})` },
    { head: 'PnL', cell: (t) => signed(t.realizedPnl), num: true },
  ], rows.slice(0, 30)));
}
