import { hash4 } from './random';
import { CH } from './series';
import { SimMarket, World } from './world';

// Math's functions bound once: global lookups are slow inside Jest's VM context.
const { round, max, min } = Math;

/** Top of book at one interval, in integer ticks, for one outcome. */
export interface Quote {
  /** 1/tick: 100 or 1000 */
  readonly ticks: number;
  readonly bid: number;
  readonly ask: number;
  /** last trade, in ticks: the bid or the ask */
  readonly last: number;
}

/**
 * Yes quote at interval k: a spread of 1–3 ticks placed around the model price, clamped to
 * [1 tick, 1 − 1 tick]. The No quote mirrors it (No bid = 1 − Yes ask), as on Polymarket where
 * both outcomes share one book. The mid, the Gamma outcomePrices and the price history all read
 * this same quote, so every endpoint agrees.
 */
export function quote(world: World, m: SimMarket, k: number, outcome: 0 | 1 = 0): Quote {
  const { seed } = world.options;
  const ticks = m.ticks;
  const p = world.series(m).yes(k);
  const spread = 1 + (hash4(seed, m.index, k, CH.SPREAD) % 3);
  let bid = round(p * ticks - spread / 2);
  bid = max(1, min(ticks - 1 - spread, bid));
  const ask = min(ticks - 1, bid + spread);
  const lastIsBid = hash4(seed, m.index, k, CH.LAST_TRADE) % 2 === 0;
  if (outcome === 0) return { ticks, bid, ask, last: lastIsBid ? bid : ask };
  return { ticks, bid: ticks - ask, ask: ticks - bid, last: lastIsBid ? ticks - bid : ticks - ask };
}

export function decimalsOf(ticks: number): number {
  return ticks === 100 ? 2 : 3;
}

/** A price in ticks as a number rounded to the tick's decimals (0.045, never 0.045000000001). */
export function priceNum(units: number, ticks: number): number {
  return Number((units / ticks).toFixed(decimalsOf(ticks)));
}

export function priceStr(units: number, ticks: number): string {
  return String(priceNum(units, ticks));
}

export function midNum(q: Quote): number {
  return Number(((q.bid + q.ask) / (2 * q.ticks)).toFixed(decimalsOf(q.ticks) + 1));
}

export function midStr(q: Quote): string {
  return String(midNum(q));
}

/** 1 − x with the rounding of a mid (so "0.0455" pairs with "0.9545"). */
export function complementStr(x: number, ticks: number): string {
  return String(Number((1 - x).toFixed(decimalsOf(ticks) + 1)));
}
