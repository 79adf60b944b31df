/** BUY = long the outcome token; SELL = short it (the economics of holding the other outcome). */
export type PositionSide = 'BUY' | 'SELL';

/** USDC at risk for `shares` at `price`: the price for a long, the collateral 1 − price for a short. */
export function positionCost(side: PositionSide, shares: number, price: number): number {
  return side === 'BUY' ? shares * price : shares * (1 - price);
}

/** Mark-to-market PnL of a position entered at `avgPrice`, marked at `mark`; 0 while there is no mark. */
export function unrealizedPnl(side: PositionSide, size: number, avgPrice: number, mark: number | null): number {
  if (mark === null) return 0;
  return side === 'BUY' ? (mark - avgPrice) * size : (avgPrice - mark) * size;
}
