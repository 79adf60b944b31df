import { takeShares } from '@polytrader/quant';
import type { MarketData } from '../market/market-data';
import { ExecutionVenue, HaltCheck, VenueFill, VenueHaltedError, VenueOrder } from './execution-venue';

export interface PaperBrokerOptions {
  feeBps: number;
  maxSlippagePct: number;
  /** The kill switch, asked right before a fill: a kill that arrived while the book was read stops the order. */
  halted?: HaltCheck;
}

/**
 * Paper execution: a market order walks the latest stored book of its token (asks for a buy, bids for a
 * sell), level by level — that is the slippage — and stops at max_slippage_pct beyond the best price; what
 * is left is a partial fill. Fees are fee_bps of the notional. Market orders never rest, so there is
 * nothing to cancel. Right before it fills, it asks the kill switch again (`halted`): a kill that arrived
 * while the order was on its way throws VenueHaltedError and nothing is filled.
 */
export class PaperBroker implements ExecutionVenue {
  readonly mode = 'paper' as const;

  constructor(private readonly market: MarketData, private readonly options: PaperBrokerOptions) {}

  async execute(order: VenueOrder): Promise<VenueFill> {
    const book = (await this.market.view(order.marketId)).books.get(order.tokenId);
    const halt = this.options.halted?.() ?? null;
    if (halt !== null) throw new VenueHaltedError(halt);
    if (!book) throw new Error(`no stored order book for token ${order.tokenId}`);
    const buy = order.side === 'BUY';
    const levels = buy ? book.asks : book.bids;
    if (levels.length === 0) return { shares: 0, notional: 0, avgPrice: null, fees: 0, fills: [] };
    const best = levels[0][0];
    const slip = this.options.maxSlippagePct / 100;
    const limit = buy ? Math.min(1, best * (1 + slip)) : best * (1 - slip);
    const taken = takeShares(levels, order.shares, buy ? 'buy' : 'sell', limit);
    return {
      shares: taken.shares, notional: taken.notional, avgPrice: taken.shares > 0 ? taken.avgPrice : null,
      fees: (taken.notional * this.options.feeBps) / 10_000, fills: taken.fills.map(([p, s]) => [p, s]),
    };
  }

  async cancelAll(): Promise<number> {
    return 0;
  }
}
