import type { DataSource } from 'typeorm';
import { runExclusive } from './exclusive';

/** A value that cannot be written as an SQLite literal (a string holding NUL): use bound parameters. */
export class NotLiteralError extends Error {
  override readonly name = 'NotLiteralError';
}

/**
 * An SQLite literal with the meaning the bound parameter would have: NULL for null/undefined and for
 * non-finite numbers, numbers in JavaScript's round-trip form, strings quoted with '' escaping.
 */
export function sqliteLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string') {
    // exec() reads the script as a C string: a NUL would end it there
    if (value.includes('\u0000')) throw new NotLiteralError('a string holds a NUL character');
    return `'${value.replace(/'/g, "''")}'`;
  }
  throw new NotLiteralError(`cannot write a ${typeof value} as an SQLite literal`);
}

/** A statement with `?` placeholders and its values. */
export interface BoundStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** The statement with its values written in as literals. Our SQL has no `?` outside placeholders. */
export function literalStatement(st: BoundStatement): string {
  const parts = st.sql.split('?');
  if (parts.length - 1 !== st.params.length) throw new Error(`${parts.length - 1} placeholders for ${st.params.length} values in: ${st.sql.slice(0, 80)}`);
  let sql = parts[0];
  for (let i = 0; i < st.params.length; i++) sql += sqliteLiteral(st.params[i]) + parts[i + 1];
  return sql;
}

/** What is used of a raw sqlite3 connection (asynchronous exec). */
export interface SqliteHandle {
  exec(sql: string, callback: (err: Error | null) => void): void;
}

/** sqlite3's exec (every statement of `sql`, no parameters) as a promise. */
export const exec = (db: SqliteHandle, sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));

/** What is used of a better-sqlite3 connection (synchronous, throws). */
interface InlineHandle {
  exec(sql: string): unknown;
  prepare(sql: string): { run(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
}

const BUSY_TIMEOUT_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * ONE transaction of `statements` on SQLite, queued with every other use of the connection, the cheapest
 * way for the driver; on any error it is rolled back and the error rethrown.
 * - sqlite3: one script (BEGIN IMMEDIATE … COMMIT) with the values as literals, in ONE call into SQLite —
 *   each statement would be a trip through the thread pool and back through a busy event loop, and for a
 *   handful of small statements those trips, not SQLite, are the cost. A value that cannot be a literal (a
 *   string holding NUL) rejects with NotLiteralError before anything is written.
 * - better-sqlite3 (the inline writer): on this thread, compiled statements with bound values, after a
 *   BEGIN IMMEDIATE that waits for another process's write lock between event-loop turns.
 */
export function runSqliteTransaction(ds: DataSource, statements: readonly BoundStatement[]): Promise<void> {
  return runExclusive(ds, async () => {
    const handle = connectionOf(ds);
    if (ds.options.type === 'better-sqlite3') return runInline(handle as InlineHandle, statements);
    const script = `BEGIN IMMEDIATE;\n${statements.map(literalStatement).join(';\n')};\nCOMMIT;`;
    const db = handle as SqliteHandle;
    try {
      await exec(db, script);
    } catch (err) {
      // exec stops at the failing statement, inside the transaction; a failed COMMIT may have ended it already
      await exec(db, 'ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}

/**
 * A read on the inline writer's connection (better-sqlite3) through the same compiled-statement cache:
 * a small read on the hot path costs microseconds instead of a trip through TypeORM's query runner.
 * Call it inside runExclusive, as every store operation on SQLite runs, so that it never reads a
 * transaction of another caller half-done.
 */
export function selectInline(ds: DataSource, st: BoundStatement): Record<string, unknown>[] {
  if (ds.options.type !== 'better-sqlite3') throw new Error(`selectInline needs the inline writer (better-sqlite3), not ${ds.options.type}`);
  return preparedOf(connectionOf(ds) as InlineHandle, st.sql).all(...st.params.map(bindable)) as Record<string, unknown>[];
}

function connectionOf(ds: DataSource): { exec?: unknown } {
  const handle = (ds.driver as unknown as { databaseConnection?: { exec?: unknown } }).databaseConnection;
  if (!handle || typeof handle.exec !== 'function') throw new Error('not an open SQLite connection');
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
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  db.exec('PRAGMA busy_timeout = 0');
  try {
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (err) {
        if (!String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY') || Date.now() > deadline) throw err;
      }
      await sleep(pause);
    }
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

/** A value as better-sqlite3 binds it with the meaning sqliteLiteral gives it (booleans 1/0; undefined, NaN, ±Infinity NULL). */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
