import { statSync } from 'node:fs';
import type { DataSource, QueryRunner } from 'typeorm';
import { engineOfDataSource } from '../engine';
import { DatabaseSetupError, messageOf } from '../errors';
import { isSqliteBusy } from './busy';

/** Held until `release()` or the end of the process. */
export interface WriterLease {
  /** Where the lease lives: the lock file, or the PostgreSQL advisory lock. */
  readonly where: string;
  release(): Promise<void>;
}

export interface WriterLeaseOptions {
  /**
   * Called once if the lease is found lost while held (PostgreSQL: its connection failed, so the server
   * dropped the lock; SQLite: the lock file was deleted or replaced, so another process can lock a new one).
   * The holder must stop writing.
   */
  onLost?: (err: Error) => void;
  /** How often the lease is checked (default 5 s); a check without an answer within 3 × this counts as lost. */
  checkEveryMs?: number;
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
 * Fails at once with WriterLeaseHeldError when another holder has it. While held, it is checked every
 * `checkEveryMs` and `onLost` is called if it is gone.
 */
export async function acquireWriterLease(ds: DataSource, name: string, options: WriterLeaseOptions = {}): Promise<WriterLease | null> {
  let held: HeldLease;
  if (engineOfDataSource(ds) === 'postgres') held = await advisoryLease(ds, name);
  else {
    const database = ds.options.database;
    if (typeof database !== 'string' || database === ':memory:') return null;
    held = fileLease(`${database}-${name}-lock`, name);
  }
  return watched(held, options);
}

/** A lease as taken: where, how to tell it still holds (throws when not), how to let it go. */
export interface HeldLease {
  where: string;
  check(): Promise<void>;
  release(): Promise<void>;
}

/** `held`, checked every `checkEveryMs` until released; exported for its spec. */
export function watched(held: HeldLease, { onLost, checkEveryMs = 5000 }: WriterLeaseOptions): WriterLease {
  let released = false;
  let checking = false;
  const timer = setInterval(() => {
    if (checking || released) return;
    checking = true;
    // a check that hangs (a server gone without closing the connection) cannot vouch for the lease either
    let timeout: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => reject(new Error(`no answer within ${3 * checkEveryMs} ms`)), 3 * checkEveryMs);
      timeout.unref();
    });
    Promise.race([held.check(), expired]).finally(() => clearTimeout(timeout)).then(() => (checking = false), (err: unknown) => {
      clearInterval(timer);
      if (!released) onLost?.(new Error(`${held.where} lost: ${messageOf(err)}`));
    });
  }, checkEveryMs);
  timer.unref();
  return {
    where: held.where,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await held.release();
    },
  };
}

/** What is used of a better-sqlite3 connection (synchronous, throws). */
interface LockConnection {
  exec(sql: string): void;
  close(): void;
}

function fileLease(file: string, name: string): HeldLease {
  // the same SQLite library as the inline writer's: two copies in one process break each other's POSIX locks
  const Database = require('better-sqlite3') as new (file: string, options: { timeout: number }) => LockConnection;
  let db: LockConnection;
  try {
    db = new Database(file, { timeout: 0 });
  } catch (err) {
    throw new DatabaseSetupError(`cannot open the ${name} lock file ${file}: ${messageOf(err)}`, { cause: err });
  }
  try {
    // no rollback journal: nothing is ever written, and a file left behind by a crash would only clutter
    db.exec('PRAGMA journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if (isSqliteBusy(err)) {
      throw new WriterLeaseHeldError(`another ${name} process holds ${file}: one ${name} per database — stop it first`, { cause: err });
    }
    throw new DatabaseSetupError(`cannot lock the ${name} lock file ${file}: ${messageOf(err)}`, { cause: err });
  }
  // the lock is on this inode: a file deleted or replaced under it can be locked by another process
  const inode = statSync(file).ino;
  return {
    where: file,
    async check() {
      const now = statSync(file, { throwIfNoEntry: false });
      if (!now) throw new Error('the lock file was deleted');
      if (now.ino !== inode) throw new Error('the lock file was replaced');
    },
    async release() {
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

async function advisoryLease(ds: DataSource, name: string): Promise<HeldLease> {
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
  return {
    where: `PostgreSQL advisory lock "${key}"`,
    async check() {
      // the session's own locks: gone if the server ended the session (its backend was terminated or restarted)
      const rows = (await runner.query(
        "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND objid = hashtext($1)::oid AND granted", [key],
      )) as unknown[];
      if (rows.length === 0) throw new Error('the session no longer holds it');
    },
    async release() {
      try {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      } finally {
        await runner.release();
      }
    },
  };
}
