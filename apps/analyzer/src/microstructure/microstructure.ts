import { BookTop, depthWithin, realizedVolatility, walkBook } from '@polytrader/quant';

export interface MicrostructureSettings {
  /** Half-width of the depth band in bps of the $1 payout: 100 → mid ± 0.01. */
  readonly depthBps: number;
  /** USDC of the market order walked for the impact estimate. */
  readonly impactNotional: number;
  /** Grid intervals per day (1440 / interval minutes): scales the realized volatility to a day. */
  readonly periodsPerDay: number;
}

export interface MicrostructureMeasures {
  readonly spread: number;
  readonly mid: number;
  /** Bid + ask shares within the band. */
  readonly depth: number;
  /** (bid − ask) / (bid + ask) within the band; 0 when both are empty. */
  readonly imbalance: number;
  /** Per day, in price units; NaN with fewer than two returns. */
  readonly realizedVolatility: number;
  /** Mean over the fillable sides of |average fill − mid| for the notional; NaN when neither side fills. */
  readonly priceImpact: number;
}

/**
 * The microstructure of one token's book (docs/analysis.md). `recentPrices` is the token's price on the
 * grid over the volatility window (NaN = missing). Returns null for a one-sided or empty book: without both
 * a bid and an ask there is no mid, so no spread, band or impact either.
 */
export function measureBook(book: BookTop, recentPrices: ArrayLike<number>, settings: MicrostructureSettings): MicrostructureMeasures | null {
  const bid = book.bestBid ?? book.bids[0]?.[0] ?? null;
  const ask = book.bestAsk ?? book.asks[0]?.[0] ?? null;
  if (bid === null || ask === null || !Number.isFinite(bid) || !Number.isFinite(ask)) return null;
  const mid = (bid + ask) / 2;
  const half = settings.depthBps / 10_000;
  const bidDepth = depthWithin(book.bids, mid, half);
  const askDepth = depthWithin(book.asks, mid, half);
  const depth = bidDepth + askDepth;
  const buy = walkBook(book.asks, settings.impactNotional);
  const sell = walkBook(book.bids, settings.impactNotional);
  const impacts = [buy.shares > 0 ? buy.avgPrice - mid : NaN, sell.shares > 0 ? mid - sell.avgPrice : NaN].filter((x) => !Number.isNaN(x));
  return {
    spread: Math.max(0, ask - bid),
    mid,
    depth,
    imbalance: depth > 0 ? (bidDepth - askDepth) / depth : 0,
    realizedVolatility: realizedVolatility(recentPrices, settings.periodsPerDay).volatility,
    priceImpact: impacts.length > 0 ? Math.max(0, impacts.reduce((s, x) => s + x, 0) / impacts.length) : NaN,
  };
}
