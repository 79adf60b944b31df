import type { MarketRecord } from '@polytrader/persistence';
import type { Logger } from 'pino';

export interface MarketLookup {
  markets(ids?: readonly string[]): Promise<MarketRecord[]>;
}

/** Market questions for messages, cached; the market id stands in for a market the store does not know. */
export class MarketTitles {
  private readonly cache = new Map<string, string>();

  constructor(private readonly store: MarketLookup, private readonly logger: Logger) {}

  /** Loads the titles of these markets (one query for the unknown ones); never throws. */
  async load(ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.cache.has(id));
    if (missing.length === 0) return;
    try {
      for (const m of await this.store.markets(missing)) this.cache.set(m.id, m.question);
    } catch (err) {
      this.logger.warn({ err }, 'market titles not read; using market ids');
    }
  }

  titleOf = (marketId: string): string => this.cache.get(marketId) ?? marketId;

  async title(marketId: string): Promise<string> {
    await this.load([marketId]);
    return this.titleOf(marketId);
  }
}
