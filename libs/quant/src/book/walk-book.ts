/** One price level `[price, size]` (size in shares), as stored in book_summaries. */
export type PriceLevel = readonly [price: number, size: number];

/** The top of one outcome's order book: best prices and levels, best first (as stored per cycle). */
export interface BookTop {
  readonly bestBid: number | null;
  readonly bestAsk: number | null;
  readonly bids: readonly PriceLevel[];
  readonly asks: readonly PriceLevel[];
}

/** What a market order for a given USDC notional would get from one side of a book. */
export interface BookWalk {
  /** Shares filled. */
  readonly shares: number;
  /** USDC spent (buying the asks) or received (selling into the bids): Σ price·shares. */
  readonly notional: number;
  /** notional / shares; NaN when nothing filled. */
  readonly avgPrice: number;
  /** Price of the last level touched; NaN when nothing filled. */
  readonly worstPrice: number;
  /** Levels touched (the last one possibly in part). */
  readonly levels: number;
  /** False when the levels given ran out before the notional was reached. */
  readonly complete: boolean;
}

/**
 * Walks one side of an order book, best level first, for a market order of `notional` USDC: takes whole
 * levels while their value price·size fits in what is left, then the part of the next level that does.
 * The same walk serves a buy (asks, USDC spent) and a sell (bids, USDC received). Levels must be best first
 * (asks ascending, bids descending) with price > 0 and size ≥ 0; a level of size 0 is skipped.
 * Throws RangeError on a bad level or a negative/non-finite notional.
 */
export function walkBook(levels: readonly PriceLevel[], notional: number): BookWalk {
  if (!(notional >= 0) || !Number.isFinite(notional)) {
    throw new RangeError(`notional must be a finite number ≥ 0, got ${notional}`);
  }
  let left = notional;
  let shares = 0;
  let spent = 0;
  let used = 0;
  let worst = NaN;
  for (let i = 0; i < levels.length && left > 0; i++) {
    const [price, size] = checkedLevel(levels, i);
    if (size === 0) continue;
    const value = price * size;
    const take = value <= left ? size : left / price;
    shares += take;
    spent += take * price;
    left = value <= left ? left - value : 0;
    worst = price;
    used++;
  }
  return { shares, notional: spent, avgPrice: shares > 0 ? spent / shares : NaN, worstPrice: worst, levels: used, complete: left <= notional * 1e-12 };
}

/** Level i of a book side, checked: price a finite number > 0, size a finite number ≥ 0 (RangeError otherwise). Shared by the book walkers. */
export function checkedLevel(levels: readonly PriceLevel[], i: number): PriceLevel {
  const level = levels[i];
  const [price, size] = level;
  if (!(price > 0) || !Number.isFinite(price)) throw new RangeError(`level ${i}: price must be a finite number > 0, got ${price}`);
  if (!(size >= 0) || !Number.isFinite(size)) throw new RangeError(`level ${i}: size must be a finite number ≥ 0, got ${size}`);
  return level;
}

/** Σ size of the levels whose price lies within `halfWidth` of `mid` (inclusive, with a 1e-9 tolerance for decimal prices). */
export function depthWithin(levels: readonly PriceLevel[], mid: number, halfWidth: number): number {
  let depth = 0;
  for (const [price, size] of levels) if (Math.abs(price - mid) <= halfWidth + 1e-9) depth += size;
  return depth;
}
