import type { DataSource } from 'typeorm';
import { exec, type SqliteHandle } from './sqlite-script';

interface RawSqlite extends SqliteHandle {
  close(callback: (err: Error | null) => void): void;
}

/**
 * Moves SQLite's WAL checkpoints off a latency-sensitive writer: the DataSource's connection stops
 * checkpointing on commit (wal_autocheckpoint = 0) and a second connection to the same file runs
 * `wal_checkpoint(PASSIVE)` every `everyMs` — PASSIVE never blocks the writer, so a commit no longer pays
 * tens of milliseconds now and then for copying the WAL into the database. Stopped by `ds.destroy()`.
 */
export async function checkpointInBackground(ds: DataSource, file: string, everyMs = 1000): Promise<void> {
  // required here: a PostgreSQL-only service never loads the native module
  const sqlite3 = require('sqlite3') as { Database: new (file: string, cb: (err: Error | null) => void) => RawSqlite };
  const side = await new Promise<RawSqlite>((resolve, reject) => {
    const db: RawSqlite = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(db)));
  });
  await exec(side, 'PRAGMA busy_timeout = 5000');
  await ds.query('PRAGMA wal_autocheckpoint = 0');
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void exec(side, 'PRAGMA wal_checkpoint(PASSIVE)').catch(() => undefined).finally(() => { running = false; });
  }, everyMs);
  timer.unref();
  const destroy = ds.destroy.bind(ds);
  // the side connection lives exactly as long as the DataSource
  ds.destroy = async () => {
    clearInterval(timer);
    while (running) await new Promise((r) => setTimeout(r, 5));
    await new Promise<void>((resolve) => side.close(() => resolve()));
    return destroy();
  };
}
