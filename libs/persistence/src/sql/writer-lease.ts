import type { DataSource, QueryRunner } from 'typeorm';
import { engineOfDataSource } from '../engine';
import { DatabaseSetupError, messageOf } from '../errors';

/** Held until `release()` or the end of the process. */
export interface WriterLease {
  /** Where the lease lives: the lock file, or the PostgreSQL advisory lock. */
  readonly where: string;
  release(): Promise<void>;
}

/** Another process holds the lease: this one must not start writing. */
export class WriterLeaseHeldError extends DatabaseSetupError {
  override readonly name = 'WriterLeaseHeldError';
}

/**
 * One writer named `name` per database, for a service whose decisions depend on its own state — two risk
 * processes on one database would each decide signals from their own positions and write the same step log.
 * The lease is the operating system's or the server's, so it ends with the process even on SIGKILL:
 * - SQLite file: an exclusive lock on `<file>-<name>-lock`, a small SQLite file held in an open
 *   `BEGIN EXCLUSIVE` (a POSIX lock; never deleted, as unlinking a lock file lets two holders in);
 * - PostgreSQL: a session advisory lock on a connection of its own (lost with that connection);
 * - SQLite `:memory:`: no other process can see it, so no lease (null).
 * Fails at once with WriterLeaseHeldError when another holder has it.
 */
export async function acquireWriterLease(ds: DataSource, name: string): Promise<WriterLease | null> {
  if (engineOfDataSource(ds) === 'postgres') return advisoryLease(ds, name);
  const database = ds.options.database;
  if (typeof database !== 'string' || database === ':memory:') return null;
  return fileLease(`${database}-${name}-lock`, name);
}

/** What is used of a better-sqlite3 connection (synchronous, throws). */
interface LockConnection {
  exec(sql: string): void;
  close(): void;
}

function fileLease(file: string, name: string): WriterLease {
  // the same SQLite library as the inline writer's: two copies in one process break each other's POSIX locks
  const Database = require('better-sqlite3') as new (file: string, options: { timeout: number }) => LockConnection;
  let db: LockConnection;
  try {
    db = new Database(file, { timeout: 0 });
  } catch (err) {
    throw new DatabaseSetupError(`cannot open the ${name} lock file ${file}: ${messageOf(err)}`, { cause: err });
  }
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new WriterLeaseHeldError(`another ${name} process holds ${file}: one ${name} per database — stop it first`, { cause: err });
    }
    throw new DatabaseSetupError(`cannot lock the ${name} lock file ${file}: ${messageOf(err)}`, { cause: err });
  }
  let released = false;
  return {
    where: file,
    async release() {
      if (released) return;
      released = true;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

async function advisoryLease(ds: DataSource, name: string): Promise<WriterLease> {
  const runner: QueryRunner = ds.createQueryRunner();
  const key = `polytrader:${name}`;
  try {
    await runner.connect();
    const [row] = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key])) as { ok: boolean }[];
    if (!row?.ok) throw new WriterLeaseHeldError(`another ${name} process holds the PostgreSQL advisory lock "${key}": one ${name} per database — stop it first`);
  } catch (err) {
    await runner.release();
    if (err instanceof WriterLeaseHeldError) throw err;
    throw new DatabaseSetupError(`cannot take the PostgreSQL advisory lock "${key}": ${messageOf(err)}`, { cause: err });
  }
  let released = false;
  return {
    where: `PostgreSQL advisory lock "${key}"`,
    async release() {
      if (released) return;
      released = true;
      try {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      } finally {
        await runner.release();
      }
    },
  };
}
