import { Injectable } from '@nestjs/common';
import { AnalysisStore, HypeScoreStore, MarketStore, QualityIssueStore, ServiceDatabase } from '@polytrader/persistence';
import type { DataSource } from 'typeorm';
import type { AnalysisStores } from './analysis/ports';

/** The analyzer's database: opened (migrations run) at start, closed on stop. */
@Injectable()
export class AnalyzerDatabase extends ServiceDatabase {
  markets!: MarketStore;
  quality!: QualityIssueStore;
  stores!: AnalysisStores;

  protected override onOpen(ds: DataSource): void {
    this.markets = new MarketStore(ds);
    this.quality = new QualityIssueStore(ds);
    this.stores = { markets: this.markets, hype: new HypeScoreStore(ds), results: new AnalysisStore(ds) };
  }
}
