import type { HypeScoreQuery, HypeScoreRecord, MarketRecord, NewsItemRecord } from '@polytrader/persistence';

/** What a hype cycle reads and writes; the service wires the database stores. */
export interface HypeStores {
  readonly markets: { markets(): Promise<MarketRecord[]> };
  readonly scores: {
    save(records: readonly HypeScoreRecord[]): Promise<number>;
    between(query: HypeScoreQuery): Promise<HypeScoreRecord[]>;
  };
  readonly news: {
    save(items: readonly NewsItemRecord[]): Promise<number>;
    knownGuids(guids: readonly string[]): Promise<Set<string>>;
    since(from: string): Promise<NewsItemRecord[]>;
  };
}

export interface HypePublisher {
  publish(subject: string, event: object): Promise<void>;
}
