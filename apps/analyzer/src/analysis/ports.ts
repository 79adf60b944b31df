import type {
  BookSummaryRecord, HypeScoreQuery, HypeScoreRecord, MarketAnalysisRecord, MarketRecord, MicrostructureRecord, PricePointRecord, SnapshotRecord,
} from '@polytrader/persistence';

/** What an analysis run reads and writes; the service and `polytrader analyze` wire the database stores. */
export interface AnalysisStores {
  readonly markets: {
    markets(): Promise<MarketRecord[]>;
    priceHistory(tokenId: string, fromT: number, toT: number): Promise<PricePointRecord[]>;
    snapshotsBetween(marketId: string, fromIso: string, toIso: string): Promise<SnapshotRecord[]>;
    latestBooks(marketIds?: readonly string[]): Promise<BookSummaryRecord[]>;
  };
  readonly hype: { between(query: HypeScoreQuery): Promise<HypeScoreRecord[]> };
  readonly results: {
    saveRun(runId: string, ts: string, markets: MarketAnalysisRecord[], micro: MicrostructureRecord[]): Promise<void>;
    /** newest stored run time: the scheduler catches up a missed run at start */
    latestRunTs(): Promise<string | null>;
  };
}

export interface AnalysisPublisher {
  publish(subject: string, event: object): Promise<void>;
}
