import { Injectable } from '@nestjs/common';
import {
  AlertRejectionStore, AlertStore, MarketStore, PortfolioStore, ServiceDatabase, engineOfDataSource, runExclusive,
} from '@polytrader/persistence';
import type { DataSource } from 'typeorm';
import type { SignalReader, SignalRow } from './alerts/ports';

export interface NotifierStores {
  alerts: AlertStore;
  rejections: AlertRejectionStore;
  markets: MarketStore;
  portfolio: PortfolioStore;
  signals: SignalReader;
}

/** The notifier's database: its outbox and journal, and read access to markets, portfolio and signals. */
@Injectable()
export class NotifierDatabase extends ServiceDatabase {
  stores!: NotifierStores;

  protected override onOpen(ds: DataSource): void {
    this.stores = {
      alerts: new AlertStore(ds), rejections: new AlertRejectionStore(ds), markets: new MarketStore(ds),
      portfolio: new PortfolioStore(ds, this.config.portfolio.initial_equity), signals: new SignalsTable(ds),
    };
  }
}

/**
 * The latest rows of the `signals` table (written by the signals service). A small query of our own:
 * the signals engineer's SignalStore had not landed when this was written.
 */
export class SignalsTable implements SignalReader {
  constructor(private readonly ds: DataSource) {}

  async latest(limit: number): Promise<SignalRow[]> {
    const n = Math.max(1, Math.min(100, Math.floor(limit)));
    const rows = await runExclusive(this.ds, () =>
      this.ds.query(`SELECT id, market_id, outcome, side, price, strength, confidence, size, ts FROM signals ORDER BY ts DESC, id DESC LIMIT ${n}`)) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: String(r.id), marketId: String(r.market_id), outcome: String(r.outcome), side: String(r.side), price: Number(r.price),
      strength: String(r.strength), confidence: Number(r.confidence), size: Number(r.size), ts: String(r.ts),
    }));
  }

  async countSince(fromIso: string): Promise<number> {
    const p = engineOfDataSource(this.ds) === 'postgres' ? '$1' : '?';
    const rows = await runExclusive(this.ds, () => this.ds.query(`SELECT COUNT(*) AS n FROM signals WHERE ts >= ${p}`, [fromIso])) as { n: unknown }[];
    return Number(rows[0].n);
  }
}
