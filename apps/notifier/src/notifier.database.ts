import { Injectable } from '@nestjs/common';
import { AlertRejectionStore, AlertStore, MarketStore, PortfolioStore, ServiceDatabase, SignalStore, TelegramOffsetStore } from '@polytrader/persistence';
import type { DataSource } from 'typeorm';

export interface NotifierStores {
  alerts: AlertStore;
  rejections: AlertRejectionStore;
  markets: MarketStore;
  portfolio: PortfolioStore;
  signals: SignalStore;
  offsets: TelegramOffsetStore;
}

/** The notifier's database: its outbox and journal, and read access to markets, portfolio and signals. */
@Injectable()
export class NotifierDatabase extends ServiceDatabase {
  stores!: NotifierStores;

  protected override onOpen(ds: DataSource): void {
    this.stores = {
      alerts: new AlertStore(ds), rejections: new AlertRejectionStore(ds), markets: new MarketStore(ds),
      portfolio: new PortfolioStore(ds, this.config.portfolio.initial_equity), signals: new SignalStore(ds), offsets: new TelegramOffsetStore(ds),
    };
  }
}
