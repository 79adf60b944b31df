import type {
  AnalysisStore, HypeScoreStore, MarketStore, PortfolioStore, SignalStore,
} from '@polytrader/persistence';

/** What a signal pass reads and writes; the service wires the database stores. */
export interface SignalStores {
  readonly markets: Pick<MarketStore, 'markets' | 'latestSnapshots' | 'latestBooks' | 'priceHistory'>;
  readonly hype: Pick<HypeScoreStore, 'between'>;
  readonly analysis: Pick<AnalysisStore, 'latestByMarket'>;
  readonly portfolio: Pick<PortfolioStore, 'openPositions' | 'pnlSummary'>;
  readonly signals: Pick<SignalStore, 'save' | 'lastSignalTimes' | 'recent'>;
}

export interface SignalPublisher {
  publish(subject: string, event: object): Promise<void>;
}

/** The kill switch as a pass sees it: asked at the start and again right before every publish. */
export interface HaltState {
  isHalted(): boolean;
}
