import { PriceLevel, walkBook } from '../book/walk-book';

/** Order-book depth at acceptable prices (docs/signals.md). Levels are `[price, size]`, best first. */

const usable = (l: PriceLevel) => Number.isFinite(l[0]) && Number.isFinite(l[1]) && l[0] > 0 && l[1] > 0;

/** USDC the ask levels priced ≤ limitPrice can absorb: Σ price·size. */
export function askNotionalWithin(asks: readonly PriceLevel[], limitPrice: number): number {
  let total = 0;
  for (const l of asks) if (usable(l) && l[0] <= limitPrice) total += l[0] * l[1];
  return total;
}

/** Shares the bid levels priced ≥ limitPrice can absorb. */
export function bidSharesWithin(bids: readonly PriceLevel[], limitPrice: number): number {
  let total = 0;
  for (const l of bids) if (usable(l) && l[0] >= limitPrice) total += l[1];
  return total;
}

/** Shares a buy of `stake` USDC gets walking the asks priced ≤ limitPrice, cheapest first (walkBook). */
export function sharesForStake(asks: readonly PriceLevel[], stake: number, limitPrice: number): number {
  if (!(stake > 0) || !Number.isFinite(stake)) return 0;
  const levels = asks.filter((l) => usable(l) && l[0] <= limitPrice).sort((a, b) => a[0] - b[0]);
  return walkBook(levels, stake).shares;
}
