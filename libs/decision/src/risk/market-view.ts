import type { BookSummaryRecord, MarketRecord, SnapshotRecord } from '@polytrader/persistence';

/** What risk needs to know about one market: the market, its newest snapshot and its newest book per token. */
export interface MarketView {
  market: MarketRecord | null;
  snapshot: SnapshotRecord | null;
  books: Map<string, BookSummaryRecord>;
}

/**
 * The port risk reads markets through: the service reads the collector's tables (apps/risk StoredMarketData),
 * a backtest answers with what was observed by the replayed time.
 */
export interface MarketData {
  view(marketId: string): Promise<MarketView>;
  /** A new collection cycle was stored: forget what is cached. */
  invalidate(): void;
}
