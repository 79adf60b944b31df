import { checkedLevel, type PriceLevel } from './walk-book';

/** The result of taking a number of shares from one side of a book. */
export interface SharesTaken {
  /** Shares filled (≤ asked). */
  readonly shares: number;
  /** USDC paid (buy) or received (sell): Σ price·size of the fills. */
  readonly notional: number;
  /** notional / shares; NaN when nothing filled. */
  readonly avgPrice: number;
  /** The levels taken `[price, size]`, in fill order (the last possibly in part). */
  readonly fills: readonly PriceLevel[];
  /** True when every asked share was filled. */
  readonly complete: boolean;
}

/**
 * A market order for `shares` against one side of a book (asks for a buy, bids for a sell; best level
 * first), stopping at the first level beyond `limitPrice` (above it for a buy, below it for a sell) —
 * what is left unfilled is a partial fill. walkBook() walks by USDC notional and reports no per-level
 * fills; the paper broker needs both by shares. Throws RangeError on a bad level or amount.
 */
export function takeShares(levels: readonly PriceLevel[], shares: number, side: 'buy' | 'sell', limitPrice?: number): SharesTaken {
  if (!(shares >= 0) || !Number.isFinite(shares)) throw new RangeError(`shares must be a finite number ≥ 0, got ${shares}`);
  let left = shares;
  let notional = 0;
  const fills: PriceLevel[] = [];
  for (let i = 0; i < levels.length && left > EPSILON; i++) {
    const [price, size] = checkedLevel(levels, i);
    if (limitPrice !== undefined && (side === 'buy' ? price > limitPrice + EPSILON : price < limitPrice - EPSILON)) break;
    if (size === 0) continue;
    const take = Math.min(size, left);
    fills.push([price, take]);
    notional += price * take;
    left -= take;
  }
  const filled = shares - Math.max(0, left);
  return { shares: filled, notional, avgPrice: filled > 0 ? notional / filled : NaN, fills, complete: left <= EPSILON };
}

/** Σ price·size of a book side: the USDC it can absorb. */
export function bookValue(levels: readonly PriceLevel[]): number {
  let value = 0;
  for (const [price, size] of levels) value += price * size;
  return value;
}

const EPSILON = 1e-9;
