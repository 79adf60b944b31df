import type { BookSummaryRecord, MarketDetail, MarketListItem } from '../api-types';
import { chart, COLORS } from '../charts';
import { h, replace, sectionBody, table, waiting } from '../dom';
import { money, num, short, time } from '../format';
import { model } from '../model';
import { alignSeries, epochS, type Point } from '../series';

/** Rendering only; main.ts owns fetching. `onSelect` loads a market's detail. */
export function renderMarkets(onSelect: (id: string) => void): void {
  const body = sectionBody('markets');
  const rows = model.markets;
  if (!rows) return replace(body, waiting(model.errors.markets ?? 'waiting for the database (the collector writes it on its first cycle)…'));
  if (rows.length === 0) return replace(body, waiting('no active market yet: waiting for the first collection cycle…'));
  replace(body, table<MarketListItem>([
    {
      head: 'market',
      cell: (m) => {
        const b = h('button', { type: 'button', class: 'link', 'data-market-id': m.id, title: m.question }, short(m.question, 70));
        b.addEventListener('click', () => onSelect(m.id));
        return b;
      },
    },
    { head: 'hype', cell: (m) => num(m.hypeScore, 2), num: true },
    { head: 'volume 24h', cell: (m) => money(m.volume24h), num: true },
  ], rows, (m) => (m.id === model.selectedMarket ? 'selected' : '')));
}

function bookTable(book: BookSummaryRecord, outcome: string): HTMLElement {
  const depth = Math.max(book.bids.length, book.asks.length);
  const rows = Array.from({ length: Math.min(depth, 8) }, (_, i) => ({ bid: book.bids[i], ask: book.asks[i] }));
  return h('div', { class: 'book' },
    h('h3', {}, `Book: ${outcome} (spread ${num(book.spread, 3)}, ${time(book.ts)})`),
    rows.length ? table([
      { head: 'bid size', cell: (r) => (r.bid ? num(r.bid[1], 0) : ''), num: true },
      { head: 'bid', cell: (r) => (r.bid ? h('span', { class: 'pos' }, num(r.bid[0], 3)) : ''), num: true },
      { head: 'ask', cell: (r) => (r.ask ? h('span', { class: 'neg' }, num(r.ask[0], 3)) : ''), num: true },
      { head: 'ask size', cell: (r) => (r.ask ? num(r.ask[1], 0) : ''), num: true },
    ], rows) : waiting('empty book'));
}

function granger(d: MarketDetail): HTMLElement {
  const a = d.analysis;
  if (!a) return waiting('no Granger result yet: waiting for the analyzer\'s run (daily, or POST /api/analyze)…');
  return h('p', { class: 'granger' },
    h('strong', {}, 'hype → price: '), `lag ${a.hypeToPriceLag}, p = ${a.hypeToPriceP.toPrecision(3)} (BH-adjusted), F = ${num(a.hypeToPriceF, 2)}`,
    h('br'), `price → hype p = ${a.priceToHypeP.toPrecision(3)} · rank ${a.rank} · ${a.points} points · ${time(a.ts)}`);
}

export function renderMarket(): void {
  const body = sectionBody('market');
  if (!model.selectedMarket) return replace(body, waiting('click a market in "Top markets by hype" to see price vs hype, its Granger result and its book'));
  const d = model.market;
  if (!d || d.market.id !== model.selectedMarket) return replace(body, waiting(model.errors.market ?? 'loading the market…'));
  const first = d.market.tokenIds[0];
  const outcome = d.market.outcomes[0] ?? 'first outcome';
  const price: Point[] = (d.prices.find((p) => p.tokenId === first)?.points ?? []).map((p) => [p.t, p.price]);
  const hype: Point[] = d.hype.map((x) => [epochS(x.intervalStart), x.hypeScore]);
  const parts: Node[] = [h('p', { class: 'question' }, d.market.question), granger(d)];
  if (price.length + hype.length < 2) {
    parts.push(waiting('no price or hype series in the last 7 days yet…'));
  } else {
    const el = h('div', { class: 'chart', 'aria-label': 'price vs hype' });
    parts.push(el);
    const data = alignSeries(price, hype);
    queueMicrotask(() => chart(el, {
      scales: { price: { range: [0, 1] }, hype: {} },
      series: [
        {},
        { label: `price (${outcome})`, scale: 'price', stroke: COLORS.price, spanGaps: true, value: (_u, v) => num(v, 3) },
        { label: 'hype', scale: 'hype', stroke: COLORS.hype, spanGaps: true, value: (_u, v) => num(v, 2) },
      ],
      axes: [{}, { scale: 'price', size: 44 }, { scale: 'hype', side: 1, size: 44, grid: { show: false } }],
    }, data));
  }
  const book = d.books.find((b) => b.tokenId === first) ?? d.books[0];
  parts.push(book ? bookTable(book, d.market.outcomes[d.market.tokenIds.indexOf(book.tokenId)] ?? book.tokenId) : waiting('no book stored yet for this market'));
  replace(body, ...parts);
}
