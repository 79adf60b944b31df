import { Injectable } from '@nestjs/common';
import {
  CreateDataSourceOptions, LoggedRiskJournal, MarketStore, PortfolioStore, RiskJournal, RiskJournalStore, RiskStateStore, ServiceDatabase,
  WriterLease, acquireWriterLease,
} from '@polytrader/persistence';
import { flushLogger } from '@polytrader/platform';
import type { DataSource } from 'typeorm';

/**
 * The risk service's database: opened (migrations run) at start, closed on stop. On an SQLite file the
 * journal commits through a step log beside it (`<file>-risk-steps`, group commit: see LoggedRiskJournal),
 * replayed into the tables at start before anything is read; on PostgreSQL each commit is a transaction.
 * One risk process per database: start-up takes the writer lease first (acquireWriterLease) and fails,
 * naming the holder's lock, when another risk process holds it — two would decide from their own states.
 */
@Injectable()
export class RiskDatabase extends ServiceDatabase {
  markets!: MarketStore;
  journal!: RiskJournal;
  portfolio!: PortfolioStore;
  state!: RiskStateStore;
  private tables!: RiskJournalStore;
  private lease: WriterLease | null = null;

  /** The journal's check per batch (logged or stored already?) and its group writes are small statements: on this thread; WAL checkpoints in a worker. */
  protected override dataSourceOptions(): CreateDataSourceOptions {
    return { inlineWriter: true };
  }

  protected override onOpen(ds: DataSource): void {
    this.markets = new MarketStore(ds);
    this.tables = new RiskJournalStore(ds);
    this.journal = this.tables;
    this.portfolio = new PortfolioStore(ds, this.config.portfolio.initial_equity);
    this.state = new RiskStateStore(ds);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    try {
      this.lease = await acquireWriterLease(this.dataSource, 'risk', { onLost: (err) => this.leaseLost(err) });
      if (this.lease) this.logger.info({ metrics: { lease: this.lease.where } }, 'risk writer lease taken: this is the only risk process on this database');
      await this.openStepLog();
    } catch (err) {
      // start-up failed: let go of the lease and the database, as a stop would
      await this.lease?.release().catch(() => undefined);
      await super.onApplicationShutdown();
      throw err;
    }
  }

  /** On an SQLite file: the journal commits through the step log, replayed into the tables first. */
  private async openStepLog(): Promise<void> {
    const file = stepLogFile(this.dataSource);
    if (!file) return;
    const { journal, replayed, droppedBytes } = await LoggedRiskJournal.open(this.tables, file, {
      onFlushError: (err) => this.logger.error({ err }, 'risk journal: logged steps not written to the database yet; retrying'),
    });
    this.journal = journal;
    if (replayed) this.logger.warn({ metrics: { steps: replayed, file } }, 'risk journal: steps of the step log replayed into the database (unclean stop)');
    if (droppedBytes) this.logger.warn({ metrics: { bytes: droppedBytes, file } }, 'risk journal: a step cut short by a crash was dropped (it was never acknowledged)');
  }

  /**
   * Another risk process may now take the lease and decide beside this one: stop deciding at once, as a
   * crash does (exit 1, the supervisor restarts us and the new process takes the lease or waits). Nothing
   * is lost: every commit is in the step log or the tables, and unacknowledged signals are redelivered.
   */
  private leaseLost(err: Error): void {
    this.logger.fatal({ err }, 'risk writer lease lost: exiting so that no second risk process decides beside this one');
    void flushLogger(this.logger).finally(() => process.exit(1));
  }

  override async onApplicationShutdown(): Promise<void> {
    try {
      await this.journal?.close();
    } finally {
      try {
        // risk's last write is done (or failed): another risk process may start
        if (this.lease) {
          await this.lease.release();
          this.logger.info({ metrics: { lease: this.lease.where } }, 'risk writer lease released');
        }
      } finally {
        await super.onApplicationShutdown();
      }
    }
  }
}

/** The step log of an SQLite file database; none for PostgreSQL or an in-memory database. */
function stepLogFile(ds: DataSource): string | null {
  const database = ds.options.type === 'better-sqlite3' ? ds.options.database : null;
  return typeof database === 'string' && database !== ':memory:' ? `${database}-risk-steps` : null;
}
