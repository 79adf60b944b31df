import type { ExecutionVenue, HaltCheck, VenueFill, VenueOrder } from './execution-venue';
import { VenueHaltedError } from './execution-venue';
import type { MarketData } from './market-view';
import { PaperFillOptions, paperFill } from './paper-fill';

export interface PaperBrokerOptions extends PaperFillOptions {
  /** The kill switch, asked right before a fill: a kill that arrived while the book was read stops the order. */
  halted?: HaltCheck;
}

/**
 * Paper execution: a market order is filled by paperFill against the latest book of its token that the
 * market data holds (the stored one in the service, the one observed by the replayed time in a backtest).
 * Market orders never rest, so there is nothing to cancel. Right before it fills, it asks the kill switch
 * again (`halted`): a kill that arrived while the order was on its way throws VenueHaltedError and nothing is filled.
 */
export class PaperBroker implements ExecutionVenue {
  readonly mode = 'paper' as const;

  constructor(private readonly market: MarketData, private readonly options: PaperBrokerOptions) {}

  async execute(order: VenueOrder): Promise<VenueFill> {
    const book = (await this.market.view(order.marketId)).books.get(order.tokenId);
    const halt = this.options.halted?.() ?? null;
    if (halt !== null) throw new VenueHaltedError(halt);
    if (!book) throw new Error(`no stored order book for token ${order.tokenId}`);
    return paperFill(book, order, this.options);
  }

  async cancelAll(): Promise<number> {
    return 0;
  }
}
