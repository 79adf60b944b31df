import type { BookLevel } from '@polytrader/persistence';
import { takeShares } from '@polytrader/quant';
import type { VenueFill, VenueOrder } from './execution-venue';

/** The paper fill model (config `execution.fee_bps`, `execution.max_slippage_pct`). */
export interface PaperFillOptions {
  feeBps: number;
  maxSlippagePct: number;
}

/** The two sides of a stored book, best level first. */
export interface BookSides {
  bids: readonly BookLevel[];
  asks: readonly BookLevel[];
}

/**
 * A market order filled against a book, synchronously: it walks the side it takes (asks for a buy, bids for a
 * sell) level by level — that is the slippage — and stops at max_slippage_pct beyond the best price (a buy
 * never above 1); what is left is a partial fill. Fees are fee_bps of the notional. An empty side fills nothing.
 * The PaperBroker and a backtest both fill through this.
 */
export function paperFill(book: BookSides, order: Pick<VenueOrder, 'side' | 'shares'>, options: PaperFillOptions): VenueFill {
  const buy = order.side === 'BUY';
  const levels = buy ? book.asks : book.bids;
  if (levels.length === 0) return { shares: 0, notional: 0, avgPrice: null, fees: 0, fills: [] };
  const best = levels[0][0];
  const slip = options.maxSlippagePct / 100;
  const limit = buy ? Math.min(1, best * (1 + slip)) : best * (1 - slip);
  const taken = takeShares(levels, order.shares, buy ? 'buy' : 'sell', limit);
  return {
    shares: taken.shares, notional: taken.notional, avgPrice: taken.shares > 0 ? taken.avgPrice : null,
    fees: (taken.notional * options.feeBps) / 10_000, fills: taken.fills.map(([p, s]) => [p, s]),
  };
}
