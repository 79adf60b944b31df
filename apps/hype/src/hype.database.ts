import { Injectable } from '@nestjs/common';
import { HypeScoreStore, MarketStore, NewsItemStore, ServiceDatabase } from '@polytrader/persistence';
import type { DataSource } from 'typeorm';
import type { HypeStores } from './cycle/ports';

/** The hype service's database: opened (migrations run) at start, closed on stop. */
@Injectable()
export class HypeDatabase extends ServiceDatabase {
  stores!: HypeStores;

  protected override onOpen(ds: DataSource): void {
    this.stores = { markets: new MarketStore(ds), scores: new HypeScoreStore(ds), news: new NewsItemStore(ds) };
  }
}
