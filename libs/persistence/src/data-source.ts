import 'reflect-metadata';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { StorageConfig } from '@polytrader/platform';
import { DataSource, type DataSourceOptions, type Logger } from 'typeorm';
import { ENTITIES } from './entities';
import { engineOf, redactUrl } from './engine';
import { DatabaseSetupError, messageOf } from './errors';
import { MIGRATIONS } from './migrations';
import { runPendingMigrations } from './migrations/run-migrations';
import { checkpointInBackground } from './sql/background-checkpoint';
import { retryWhileBusy } from './sql/busy';

export interface CreateDataSourceOptions {
  /** Log every SQL statement (TypeORM's logger). Default false. */
  logging?: boolean;
  /** Bring the schema up to date on connect. Default true. The schema never comes from `synchronize`. */
  migrationsRun?: boolean;
  /**
   * SQLite, for a writer whose commit latency matters (risk): the synchronous better-sqlite3 driver — a
   * small commit is ~35 µs on this thread instead of a trip through libuv's thread pool and back through a
   * busy event loop (p50 0.4 ms, p99 4–6 ms at 1,000 commits/s on a loaded 2-core box) — and, for a file,
   * WAL checkpoints in a worker thread instead of inside a commit. Only for small statements: a query runs
   * on the event loop. A write lock held by another process is waited for without blocking the event loop
   * (runInlineTransaction). Default false: sqlite3, asynchronous.
   */
  inlineWriter?: boolean;
  /**
   * A reader that cannot write (the gateway): SQLite opened SQLITE_OPEN_READONLY (the file must exist; a
   * WAL reader, so it never holds a checkpoint back for longer than one short query), PostgreSQL with
   * `default_transaction_read_only`. No migrations, no pragmas that write. Default false.
   */
  readOnly?: boolean;
}

/**
 * Set on every SQLite connection right after it opens. Beyond WAL and friends: a 16 MB page cache and a
 * checkpoint every ~40 MB of WAL (default ~4 MB) keep the per-market (market_id, ts) index pages hot —
 * at 500k snapshots that is 3x the insert rate; the WAL file is cut back to 64 MB after a checkpoint.
 */
export const SQLITE_PRAGMAS = [
  'busy_timeout = 5000', 'journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON', 'temp_store = MEMORY',
  'cache_size = -16384', 'wal_autocheckpoint = 10000', 'journal_size_limit = 67108864',
] as const;

/**
 * TypeORM prints migration messages even with `logging: false` — including the harmless failure of the
 * loser of a start-up race (see runPendingMigrations). Every real failure reaches the caller as an error.
 */
const SILENT: Logger = { logQuery() {}, logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} };

/**
 * The sqlite3 module as TypeORM's driver, minus `verbose()`: TypeORM calls it, and verbose mode wraps
 * every statement call in a stack-trace capture — process-wide, and a third of the insert path's CPU.
 */
function quietSqlite3(): unknown {
  // required here, not imported at the top: a PostgreSQL-only service never loads the native module
  const sqlite3 = require('sqlite3') as object;
  return { verbose: () => sqlite3 };
}

function isMemory(path: string): boolean {
  return path === ':memory:' || path === '';
}

/** sqlite3's SQLITE_OPEN_READONLY */
const SQLITE_OPEN_READONLY = 0x1;

function optionsFor(url: string, logging: boolean, inlineWriter: boolean, readOnly: boolean): DataSourceOptions {
  const common = {
    entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, migrationsTransactionMode: 'each',
    logging, logger: logging ? 'advanced-console' : SILENT,
  } as const;
  if (engineOf(url) === 'postgres') {
    const extra = readOnly ? { max: 10, options: '-c default_transaction_read_only=on' } : { max: 10 };
    return { ...common, type: 'postgres', url, applicationName: 'polytrader', extra };
  }
  const database = isMemory(url) ? ':memory:' : resolve(url);
  if (readOnly) {
    if (database === ':memory:') throw new Error('a read-only connection needs a database file, not :memory:');
    if (!existsSync(database)) throw new Error(`${database} does not exist yet (a read-only reader never creates it; start the services that write it first)`);
    return { ...common, type: 'sqlite', database, busyTimeout: 5000, flags: SQLITE_OPEN_READONLY, driver: quietSqlite3() };
  }
  if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
  // busy timeout: set as the connection opens, before anything else can meet a lock
  if (inlineWriter) return { ...common, type: 'better-sqlite3', database, timeout: 5000, statementCacheSize: 200 };
  return { ...common, type: 'sqlite', database, busyTimeout: 5000, driver: quietSqlite3() };
}

async function applySqlitePragmas(ds: DataSource, database: string): Promise<void> {
  // retried while busy: switching a new file to WAL can answer busy at once, without the busy timeout,
  // while another service opens the same file (seven start together) — a start-up failure under load
  for (const pragma of SQLITE_PRAGMAS) await retryWhileBusy(() => ds.query(`PRAGMA ${pragma}`), 5000);
  if (database === ':memory:') return;
  const [row] = (await ds.query('PRAGMA journal_mode')) as { journal_mode: string }[];
  if (row?.journal_mode?.toLowerCase() !== 'wal') {
    throw new DatabaseSetupError(`SQLite refused WAL mode for ${database} (journal_mode is "${row?.journal_mode}"); is the file on a filesystem without shared-memory support?`);
  }
}

/** A reader only: the busy timeout is set by the driver; the schema must already be there (writers migrate). */
async function checkedReader(ds: DataSource): Promise<DataSource> {
  if (ds.options.type === 'sqlite') await ds.query('PRAGMA query_only = ON');
  const pending = await ds.showMigrations().catch((err: unknown) => {
    throw new DatabaseSetupError(`no schema to read yet (${messageOf(err)}): a reader runs no migrations, start the writing services first`, { cause: err });
  });
  if (pending) throw new DatabaseSetupError('the schema is not up to date: a reader runs no migrations, start the writing services first');
  return ds;
}

/**
 * An initialized TypeORM DataSource for `storage.url`: a SQLite file path (relative to the working
 * directory, directory created; `:memory:` allowed) or a `postgres://` / `postgresql://` URL.
 * SQLite gets SQLITE_PRAGMAS (WAL — checked, busy_timeout 5 s, synchronous NORMAL, foreign keys, …).
 * Pending migrations run unless `migrationsRun: false`, safely when several services start at once.
 */
export async function createDataSource(storage: Pick<StorageConfig, 'url'>, options: CreateDataSourceOptions = {}): Promise<DataSource> {
  const url = storage.url;
  let dsOptions: DataSourceOptions;
  try {
    dsOptions = optionsFor(url, options.logging ?? false, options.inlineWriter ?? false, options.readOnly ?? false);
  } catch (err) {
    throw new DatabaseSetupError(`invalid storage.url "${redactUrl(url)}": ${messageOf(err)}`, { cause: err });
  }
  const ds = new DataSource(dsOptions);
  try {
    await ds.initialize();
  } catch (err) {
    throw new DatabaseSetupError(`cannot open ${dsOptions.type} database at ${redactUrl(url)}: ${messageOf(err)}`, { cause: err });
  }
  try {
    const sqliteFile = dsOptions.type === 'sqlite' || dsOptions.type === 'better-sqlite3' ? dsOptions.database : null;
    if (options.readOnly) return await checkedReader(ds);
    if (sqliteFile !== null) await applySqlitePragmas(ds, sqliteFile);
    if (options.migrationsRun ?? true) await runPendingMigrations(ds);
    if (dsOptions.type === 'better-sqlite3' && dsOptions.database !== ':memory:') await checkpointInBackground(ds, dsOptions.database);
    return ds;
  } catch (err) {
    await ds.destroy().catch(() => undefined);
    if (err instanceof DatabaseSetupError) throw err;
    throw new DatabaseSetupError(`cannot set up ${dsOptions.type} database at ${redactUrl(url)}: ${messageOf(err)}`, { cause: err });
  }
}
