import type { DataSource } from 'typeorm';
import { retryWhileBusy } from './busy';
import { runExclusive } from './exclusive';

/** A statement with `?` placeholders and its values. */
export interface BoundStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** What is used of a better-sqlite3 connection (synchronous, throws). */
interface InlineHandle {
  exec(sql: string): unknown;
  prepare(sql: string): { run(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
}

const BUSY_TIMEOUT_MS = 5000;

/**
 * ONE transaction of `statements` on the inline writer (better-sqlite3), queued with every other use of
 * the connection: on this thread, compiled statements with bound values, after a BEGIN IMMEDIATE that
 * waits for another process's write lock between event-loop turns. On any error it is rolled back and
 * the error rethrown. (On sqlite3 and PostgreSQL a store's transaction goes through TypeORM.)
 */
export function runInlineTransaction(ds: DataSource, statements: readonly BoundStatement[]): Promise<void> {
  return runExclusive(ds, () => runInline(inlineHandleOf(ds), statements));
}

/**
 * A read on the inline writer's connection (better-sqlite3) through the same compiled-statement cache:
 * a small read on the hot path costs microseconds instead of a trip through TypeORM's query runner.
 * Call it inside runExclusive, as every store operation on SQLite runs, so that it never reads a
 * transaction of another caller half-done.
 */
export function selectInline(ds: DataSource, st: BoundStatement): Record<string, unknown>[] {
  return preparedOf(inlineHandleOf(ds), st.sql).all(...st.params.map(bindable)) as Record<string, unknown>[];
}

function inlineHandleOf(ds: DataSource): InlineHandle {
  if (ds.options.type !== 'better-sqlite3') throw new Error(`needs the inline writer (better-sqlite3), not ${ds.options.type}`);
  const handle = (ds.driver as unknown as { databaseConnection?: InlineHandle }).databaseConnection;
  if (!handle || typeof handle.prepare !== 'function') throw new Error('not an open better-sqlite3 connection');
  return handle;
}

async function runInline(db: InlineHandle, statements: readonly BoundStatement[]): Promise<void> {
  await beginInline(db);
  try {
    for (const st of statements) preparedOf(db, st.sql).run(...st.params.map(bindable));
    db.exec('COMMIT');
  } catch (err) {
    // a failed COMMIT may have ended the transaction already: "no transaction is active" is expected then
    try {
      db.exec('ROLLBACK');
    } catch {
      /* nothing to roll back */
    }
    throw err;
  }
}

/**
 * BEGIN IMMEDIATE on the synchronous driver without blocking the event loop while another process holds
 * the write lock: SQLite's own busy wait would sleep on this thread (kill switch, heartbeats and the bus
 * stopped with it), so the wait happens here, between event-loop turns, up to the same 5 s.
 */
async function beginInline(db: InlineHandle): Promise<void> {
  db.exec('PRAGMA busy_timeout = 0');
  try {
    await retryWhileBusy(() => db.exec('BEGIN IMMEDIATE'), BUSY_TIMEOUT_MS);
  } finally {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

const prepared = new WeakMap<InlineHandle, Map<string, ReturnType<InlineHandle['prepare']>>>();

/** The connection's compiled statement for `sql`: compiling costs more than running a small INSERT. */
function preparedOf(db: InlineHandle, sql: string): ReturnType<InlineHandle['prepare']> {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    // a long-running service builds few distinct statements (one per batch size): keep them bounded anyway
    if (cache.size >= 500) cache.clear();
    cache.set(sql, (stmt = db.prepare(sql)));
  }
  return stmt;
}

/** A value bound as the sqlite3 driver binds it (booleans 1/0; undefined, NaN, ±Infinity NULL): better-sqlite3 refuses booleans and undefined. */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
