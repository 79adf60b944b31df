import { Injectable } from '@nestjs/common';
import { MarketStore, QualityIssueStore, ServiceDatabase } from '@polytrader/persistence';
import type { DataSource } from 'typeorm';

/** The analyzer's database: opened (migrations run) at start, closed on stop. */
@Injectable()
export class AnalyzerDatabase extends ServiceDatabase {
  markets!: MarketStore;
  quality!: QualityIssueStore;

  protected override onOpen(ds: DataSource): void {
    this.markets = new MarketStore(ds);
    this.quality = new QualityIssueStore(ds);
  }
}
