import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, Migration } from 'typeorm';
import { engineOfDataSource } from '../engine';

/** Key of the PostgreSQL advisory lock that lets one process at a time migrate. */
const PG_MIGRATION_LOCK = 'polytrader:migrations';
const SQLITE_ATTEMPTS = 10;

/**
 * Runs pending migrations (one transaction each) safely when several services start at once:
 * PostgreSQL serializes them with an advisory lock; SQLite (no such lock) lets the loser of a race
 * fail, roll back and look again — by then the winner has done the work.
 */
export async function runPendingMigrations(ds: DataSource): Promise<Migration[]> {
  if (engineOfDataSource(ds) === 'postgres') {
    const lock = ds.createQueryRunner();
    try {
      await lock.query('SELECT pg_advisory_lock(hashtext($1))', [PG_MIGRATION_LOCK]);
      return await ds.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [PG_MIGRATION_LOCK]).catch(() => undefined);
      await lock.release();
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await ds.runMigrations({ transaction: 'each' });
    } catch (err) {
      // TypeORM skips its afterMigration() on failure: foreign keys would stay off on this connection
      await ds.query('PRAGMA foreign_keys = ON');
      if (attempt >= SQLITE_ATTEMPTS || !(await stillPending(ds))) {
        if (await stillPending(ds)) throw err;
        return [];
      }
      await sleep(25 * attempt + Math.random() * 50);
    }
  }
}

async function stillPending(ds: DataSource): Promise<boolean> {
  try {
    return await ds.showMigrations();
  } catch {
    return true;
  }
}
