import { Injectable } from '@nestjs/common';
import { MarketStore, ServiceDatabase } from '@polytrader/persistence';
import type { DataSource } from 'typeorm';

/** The collector's database: opened (migrations run) at start, closed on stop. */
@Injectable()
export class CollectorDatabase extends ServiceDatabase {
  store!: MarketStore;

  protected override onOpen(ds: DataSource): void {
    this.store = new MarketStore(ds);
  }
}
