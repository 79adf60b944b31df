import { Injectable } from '@nestjs/common';
import {
  CreateDataSourceOptions, MarketStore, PortfolioStore, RiskJournalStore, RiskStateStore, ServiceDatabase,
} from '@polytrader/persistence';
import type { DataSource } from 'typeorm';

/** The risk service's database: opened (migrations run) at start, closed on stop. */
@Injectable()
export class RiskDatabase extends ServiceDatabase {
  markets!: MarketStore;
  journal!: RiskJournalStore;
  portfolio!: PortfolioStore;
  state!: RiskStateStore;

  /** Every signal's decision is a commit on the hot path: committed on this thread, WAL checkpoints in a worker. */
  protected override dataSourceOptions(): CreateDataSourceOptions {
    return { inlineWriter: true };
  }

  protected override onOpen(ds: DataSource): void {
    this.markets = new MarketStore(ds);
    this.journal = new RiskJournalStore(ds);
    this.portfolio = new PortfolioStore(ds, this.config.portfolio.initial_equity);
    this.state = new RiskStateStore(ds);
  }
}
