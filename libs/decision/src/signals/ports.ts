import type {
  AnalysisStore, HypeScoreStore, MarketStore, PortfolioStore, SignalStore,
} from '@polytrader/persistence';

/**
 * What a signal pass reads (and journals to): the service wires the database stores; a backtest answers the reads
 * with what was observed by its replayed time.
 */
export interface SignalStores {
  readonly markets: Pick<MarketStore, 'markets' | 'latestSnapshots' | 'latestBooks' | 'priceHistory'>;
  readonly hype: Pick<HypeScoreStore, 'between'>;
  readonly analysis: Pick<AnalysisStore, 'latestByMarket'>;
  readonly portfolio: Pick<PortfolioStore, 'openPositions' | 'pnlSummary'>;
  readonly signals: Pick<SignalStore, 'save' | 'lastSignalTimes' | 'recent'>;
}
