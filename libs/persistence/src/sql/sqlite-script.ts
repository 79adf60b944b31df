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

/** `(a, b, …), (…)` for the rows, as literals. */
export function literalTuples(rows: readonly (readonly unknown[])[]): string {
  return rows.map((row) => `(${row.map(sqliteLiteral).join(', ')})`).join(', ');
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
  prepare(sql: string): { run(...params: unknown[]): unknown };
}

/** A statement with `?` placeholders and its values. */
export interface BoundStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const BUSY_TIMEOUT_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

function connectionOf(ds: DataSource): { exec?: unknown } {
  const handle = (ds.driver as unknown as { databaseConnection?: { exec?: unknown } }).databaseConnection;
  if (!handle || typeof handle.exec !== 'function') throw new Error('not an open SQLite connection');
  return handle;
}

/**
 * Runs `statements` as ONE transaction in ONE call into SQLite (BEGIN IMMEDIATE … COMMIT through the
 * driver's exec), queued with every other use of the connection. Why: on the sqlite3 driver each statement
 * is a trip through the thread pool and back through a busy event loop — for a handful of small statements
 * those trips, not SQLite, are the cost. On better-sqlite3 (the inline writer) the script runs on this
 * thread. On any error the transaction is rolled back and the error rethrown.
 */
export function runSqliteScript(ds: DataSource, statements: readonly string[]): Promise<void> {
  return runExclusive(ds, async () => {
    const body = `${statements.join(';\n')};\nCOMMIT;`;
    const handle = connectionOf(ds);
    if (ds.options.type === 'better-sqlite3') {
      const db = handle as InlineHandle;
      await beginInline(db);
      try {
        db.exec(body);
      } catch (err) {
        rollbackQuietly(() => db.exec('ROLLBACK'));
        throw err;
      }
      return;
    }
    const db = handle as SqliteHandle;
    try {
      await exec(db, `BEGIN IMMEDIATE;\n${body}`);
    } catch (err) {
      // exec stops at the failing statement, inside the transaction; a failed COMMIT may have ended it already
      await exec(db, 'ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}

/** A failed COMMIT may have ended the transaction already: "no transaction is active" is expected then. */
function rollbackQuietly(rollback: () => unknown): void {
  try {
    rollback();
  } catch {
    /* nothing to roll back */
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

/**
 * The inline writer's (better-sqlite3) transaction: BEGIN IMMEDIATE without blocking the event loop, then
 * `statements` through compiled statements with bound values, COMMIT — queued with every other use of the
 * connection. On any error the transaction is rolled back and the error rethrown.
 */
export function runInlineTransaction(ds: DataSource, statements: readonly BoundStatement[]): Promise<void> {
  if (ds.options.type !== 'better-sqlite3') throw new Error('runInlineTransaction needs the inline writer (better-sqlite3)');
  return runExclusive(ds, async () => {
    const db = connectionOf(ds) as InlineHandle;
    await beginInline(db);
    try {
      for (const st of statements) preparedOf(db, st.sql).run(...st.params.map(bindable));
      db.exec('COMMIT');
    } catch (err) {
      rollbackQuietly(() => db.exec('ROLLBACK'));
      throw err;
    }
  });
}
