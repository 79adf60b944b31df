import type { MarketData, MarketView } from '@polytrader/decision';
import type { MarketStore } from '@polytrader/persistence';

/** MarketData read from the collector's tables, cached per market until the next cycle. */
export class StoredMarketData implements MarketData {
  private readonly cache = new Map<string, Promise<MarketView>>();

  constructor(private readonly markets: MarketStore) {}

  view(marketId: string): Promise<MarketView> {
    let v = this.cache.get(marketId);
    if (!v) {
      v = this.load(marketId);
      this.cache.set(marketId, v);
      v.catch(() => this.cache.delete(marketId));
    }
    return v;
  }

  invalidate(): void {
    this.cache.clear();
  }

  private async load(marketId: string): Promise<MarketView> {
    const [markets, snapshots, books] = await Promise.all([
      this.markets.markets([marketId]), this.markets.latestSnapshots(1, [marketId]), this.markets.latestBooks([marketId]),
    ]);
    return { market: markets[0] ?? null, snapshot: snapshots[0] ?? null, books: new Map(books.map((b) => [b.tokenId, b])) };
  }
}
