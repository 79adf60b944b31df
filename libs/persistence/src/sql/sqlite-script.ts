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

/** What is used of a raw sqlite3 connection. */
export interface SqliteHandle {
  exec(sql: string, callback: (err: Error | null) => void): void;
}

function handleOf(ds: DataSource): SqliteHandle {
  const handle = (ds.driver as unknown as { databaseConnection?: SqliteHandle }).databaseConnection;
  if (!handle || typeof handle.exec !== 'function') throw new Error('not an open sqlite3 connection');
  return handle;
}

/** sqlite3's exec (every statement of `sql`, no parameters) as a promise. */
export const exec = (db: SqliteHandle, sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));

/**
 * Runs `statements` as ONE transaction in ONE call into SQLite (BEGIN IMMEDIATE … COMMIT through
 * sqlite3's exec), queued with every other use of the connection. Why: on the sqlite3 driver each statement
 * is a trip through the thread pool and back through a busy event loop — for a handful of small statements
 * those trips, not SQLite, are the cost. On any error the transaction is rolled back and the error rethrown.
 */
export function runSqliteScript(ds: DataSource, statements: readonly string[]): Promise<void> {
  return runExclusive(ds, async () => {
    const db = handleOf(ds);
    try {
      await exec(db, `BEGIN IMMEDIATE;\n${statements.join(';\n')};\nCOMMIT;`);
    } catch (err) {
      // exec stops at the failing statement, inside the transaction; a failed COMMIT may have ended it already
      await exec(db, 'ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}
