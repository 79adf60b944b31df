import { Injectable } from '@nestjs/common';
import { AnalysisStore, HypeScoreStore, MarketStore, PortfolioStore, ServiceDatabase, SignalStore } from '@polytrader/persistence';
import type { DataSource } from 'typeorm';
import type { SignalStores } from '@polytrader/decision';

/** The signals service's database: opened (migrations run) at start, closed on stop. */
@Injectable()
export class SignalsDatabase extends ServiceDatabase {
  stores!: SignalStores;

  protected override onOpen(ds: DataSource): void {
    this.stores = {
      markets: new MarketStore(ds), hype: new HypeScoreStore(ds), analysis: new AnalysisStore(ds),
      portfolio: new PortfolioStore(ds, this.config.portfolio.initial_equity), signals: new SignalStore(ds),
    };
  }
}
