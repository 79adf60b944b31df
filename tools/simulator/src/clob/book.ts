import { createHash } from 'node:crypto';
import { priceStr, quote } from '../quote';
import { hash4, normal } from '../random';
import { CH } from '../series';
import { SimMarket, World } from '../world';

// Math's functions bound once: global lookups are slow inside Jest's VM context.
const { exp, max, round } = Math;

export interface BookLevel {
  price: string;
  size: string;
}

export interface BookJson {
  market: string;
  asset_id: string;
  timestamp: string;
  hash: string;
  bids?: BookLevel[];
  asks: BookLevel[];
  min_order_size: string;
  tick_size: string;
  neg_risk: boolean;
  last_trade_price: string;
}

interface Level {
  units: number;
  size: number;
}

/** Levels of one side of the Yes book, best first: 5–15 levels, 1–2 ticks apart, sizes log-normal. */
function yesSide(world: World, m: SimMarket, k: number, side: 0 | 1, best: number): Level[] {
  const { seed } = world.options;
  const count = 5 + (hash4(seed, m.index, k, CH.BOOK * 10 + side) % 11);
  const out: Level[] = [];
  let units = best;
  for (let level = 0; level < count && units >= 1 && units <= m.ticks - 1; level++) {
    const z = normal(seed, m.index, k, CH.BOOK * 1000 + side * 100 + level);
    const size = (m.baseLiquidity / 40) * exp(0.7 * z) * (1 + 0.15 * level);
    out.push({ units, size: max(5, round(size * 100) / 100) });
    const step = 1 + (hash4(seed, m.index, k, CH.BOOK * 10000 + side * 100 + level) % 4 === 0 ? 1 : 0);
    units += side === 0 ? -step : step;
  }
  return out;
}

/**
 * The CLOB order book of one token at interval k, shaped like clob/book_trimmed.json: string
 * prices and sizes, `timestamp` as epoch-ms string, bids ascending (best bid LAST), asks
 * descending (best ask LAST). The No book mirrors the Yes book (price → 1 − price), as the two
 * outcomes share one book on Polymarket.
 */
export function buildBook(world: World, m: SimMarket, outcome: 0 | 1, k: number, nowMs: number): BookJson {
  const yq = quote(world, m, k, 0);
  const yesBids = yesSide(world, m, k, 0, yq.bid);
  const yesAsks = yesSide(world, m, k, 1, yq.ask);
  const mirror = (l: Level): Level => ({ units: m.ticks - l.units, size: l.size });
  const bestFirstBids = outcome === 0 ? yesBids : yesAsks.map(mirror);
  const bestFirstAsks = outcome === 0 ? yesAsks : yesBids.map(mirror);
  const fmt = (l: Level): BookLevel => ({ price: priceStr(l.units, m.ticks), size: String(l.size) });
  const q = quote(world, m, k, outcome);
  const book: BookJson = {
    market: m.conditionId,
    asset_id: m.tokenIds[outcome],
    timestamp: String(Math.floor(nowMs)),
    hash: '',
    bids: bestFirstBids.slice().reverse().map(fmt),
    asks: bestFirstAsks.slice().reverse().map(fmt),
    min_order_size: '5',
    tick_size: String(1 / m.ticks),
    neg_risk: false,
    last_trade_price: priceStr(q.last, q.ticks),
  };
  book.hash = createHash('sha1').update(JSON.stringify({ ...book, hash: undefined })).digest('hex');
  return book;
}

/** MISSING_FIELDS (books): the book loses `bids` and every ask price becomes "abc". */
export function dropBookFields(book: BookJson): BookJson {
  const { bids: _b, ...rest } = book;
  return { ...rest, asks: book.asks.map((l) => ({ ...l, price: 'abc' })) };
}
