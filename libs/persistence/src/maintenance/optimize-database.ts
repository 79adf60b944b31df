import { existsSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { DataSource, QueryRunner } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import { execute, runExclusive, withRunner } from '../sql/exclusive';
import { readNum } from '../sql/values';
import { applyRetention, type RetentionDeleted, type RetentionPolicy } from './retention';

export interface OptimizeOptions {
  /**
   * Snapshots, book summaries, hype scores and news items older than this many days are deleted
   * (storage.snapshot_retention_days): the time series the analysis reads age out together — and with
   * them the data-quality issues found in those snapshots, and risk rejections already summarized to the
   * owner (one waiting for its summary is kept, whatever its age). The trade journal is never deleted.
   */
  retentionDays: number;
  /**
   * The other tables' retentions (see `RetentionPolicy`; a missing or 0 entry keeps that table forever).
   * `retentionOptions(config.storage)` builds these options from the config.
   */
  retention?: Partial<Omit<RetentionPolicy, 'snapshotDays'>>;
  /** Rows deleted per write transaction (default 2000), so a big delete never holds the SQLite write lock for long. */
  batchSize?: number;
  /** Pause between two batches (default 5 ms), so another process's writes get in. */
  batchPauseMs?: number;
  /** Clock for the cutoff; default now. */
  now?: Date;
}

/** What a maintenance run did — plain data a CLI can print as is. */
export interface OptimizeReport {
  engine: Engine;
  /** Snapshots (and the rest of `retentionDays`) with ts < cutoff were deleted. */
  cutoff: string;
  deleted: RetentionDeleted;
  /** SQLite: database file + WAL file; PostgreSQL: pg_database_size. */
  sizeBeforeBytes: number;
  sizeAfterBytes: number;
  /** Every table of the schema; bytes include its indexes. */
  tables: { name: string; rows: number; bytes?: number }[];
  indexes: { name: string; table: string }[];
  durationMs: number;
}

type Rows = Record<string, unknown>[];
const DAY_MS = 86_400_000;

/**
 * Weekly maintenance: retention (`applyRetention`: snapshots, book summaries, hype scores, news items, quality
 * issues and summarized rejections after `retentionDays`; price history thinned then deleted, alerts, waiting
 * rejections, unreferenced signals and risk decisions, analysis rows after `retention`), in batches, then
 * SQLite: PRAGMA optimize, ANALYZE, VACUUM, WAL checkpoint (TRUNCATE);
 * PostgreSQL: VACUUM (ANALYZE) per table. Measures sizes before and after, lists tables and indexes.
 */
export async function optimizeDatabase(ds: DataSource, options: OptimizeOptions): Promise<OptimizeReport> {
  const started = performance.now();
  if (!(Number.isFinite(options.retentionDays) && options.retentionDays > 0)) {
    throw new PersistenceError(`retentionDays must be a positive number, got ${options.retentionDays}`);
  }
  for (const [name, days] of Object.entries({ ...options.retention, batchSize: options.batchSize, batchPauseMs: options.batchPauseMs })) {
    if (days !== undefined && !(Number.isFinite(days) && days >= 0)) throw new PersistenceError(`${name} must be a number ≥ 0, got ${days}`);
  }
  const engine = engineOfDataSource(ds);
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * DAY_MS).toISOString();
  const tableNames = [...new Set(ds.entityMetadatas.map((m) => m.tableName))].sort();
  try {
    const sizeBeforeBytes = await databaseSize(ds, engine);
    const deleted = await applyRetention(ds, { ...options.retention, snapshotDays: options.retentionDays }, now,
      { batchSize: options.batchSize ?? 2000, pauseMs: options.batchPauseMs ?? 5 });
    if (engine === 'sqlite') {
      await withRunner(ds, async (runner) => {
        for (const sql of ['PRAGMA optimize', 'ANALYZE', 'VACUUM', 'PRAGMA wal_checkpoint(TRUNCATE)']) await runner.query(sql);
      });
    } else {
      // VACUUM cannot run inside a transaction: each statement on its own pooled connection, autocommit
      for (const table of tableNames) await ds.query(`VACUUM (ANALYZE) "${table}"`);
    }
    const sizeAfterBytes = await databaseSize(ds, engine);
    const { tables, indexes } = await withRunner(ds, (runner) => (engine === 'sqlite' ? sqliteLayout(runner, tableNames) : postgresLayout(runner, tableNames)));
    return { engine, cutoff, deleted, sizeBeforeBytes, sizeAfterBytes, tables, indexes, durationMs: performance.now() - started };
  } catch (err) {
    throw new PersistenceError(`database maintenance failed: ${messageOf(err)}`, { cause: err });
  }
}

async function databaseSize(ds: DataSource, engine: Engine): Promise<number> {
  if (engine === 'postgres') {
    const [row] = (await ds.query('SELECT pg_database_size(current_database()) AS bytes')) as Rows;
    return readNum(row.bytes);
  }
  const file = String(ds.options.database);
  if (file === ':memory:') {
    return runExclusive(ds, async () => {
      const [count] = (await ds.query('PRAGMA page_count')) as Rows;
      const [size] = (await ds.query('PRAGMA page_size')) as Rows;
      return readNum(count.page_count) * readNum(size.page_size);
    });
  }
  const bytes = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  return bytes(file) + bytes(`${file}-wal`);
}

async function counts(runner: QueryRunner, tableNames: string[]): Promise<Map<string, number>> {
  const sql = tableNames.map((t) => `SELECT '${t}' AS name, COUNT(*) AS n FROM "${t}"`).join(' UNION ALL ');
  const rows = (await execute(runner, sql)).rows;
  return new Map(rows.map((r) => [String(r.name), readNum(r.n)]));
}

async function sqliteLayout(runner: QueryRunner, tableNames: string[]): Promise<Pick<OptimizeReport, 'tables' | 'indexes'>> {
  const rows = await counts(runner, tableNames);
  const indexRows = (await execute(runner, "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' ORDER BY tbl_name, name")).rows;
  const indexes = indexRows.map((r) => ({ name: String(r.name), table: String(r.tbl_name) }));
  const bytes = new Map<string, number>();
  try {
    const owner = new Map(indexes.map((i) => [i.name, i.table]));
    for (const r of (await execute(runner, 'SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name')).rows) {
      const table = owner.get(String(r.name)) ?? String(r.name);
      bytes.set(table, (bytes.get(table) ?? 0) + readNum(r.bytes));
    }
  } catch {
    // dbstat is a compile-time option of SQLite; without it the report just has no per-table bytes
  }
  const tables = tableNames.map((name) => ({ name, rows: rows.get(name) ?? 0, ...(bytes.has(name) ? { bytes: bytes.get(name) } : {}) }));
  return { tables, indexes: indexes.filter((i) => tableNames.includes(i.table)) };
}

async function postgresLayout(runner: QueryRunner, tableNames: string[]): Promise<Pick<OptimizeReport, 'tables' | 'indexes'>> {
  const rows = await counts(runner, tableNames);
  const sizeRows = (await execute(
    runner,
    'SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ' +
      "WHERE n.nspname = current_schema() AND c.relkind = 'r'",
  )).rows;
  const bytes = new Map(sizeRows.map((r) => [String(r.name), readNum(r.bytes)]));
  const indexRows = (await execute(runner, 'SELECT indexname, tablename FROM pg_indexes WHERE schemaname = current_schema() ORDER BY tablename, indexname')).rows;
  const tables = tableNames.map((name) => ({ name, rows: rows.get(name) ?? 0, bytes: bytes.get(name) ?? 0 }));
  const indexes = indexRows.map((r) => ({ name: String(r.indexname), table: String(r.tablename) })).filter((i) => tableNames.includes(i.table));
  return { tables, indexes };
}
