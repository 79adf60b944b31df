import { Worker } from 'node:worker_threads';
import type { DataSource } from 'typeorm';

/**
 * The worker: its own better-sqlite3 connection to the file (the same SQLite library as the writer's — two
 * SQLite copies in one process would break each other's POSIX locks), a PASSIVE checkpoint every `everyMs`.
 */
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { timeout: 5000 });
db.pragma('cache_size = -256');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next tick tries again */ }
}, workerData.everyMs);
parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.postMessage('closed'); });
`;

/**
 * Moves SQLite's WAL checkpoints off a latency-sensitive writer (the inline writer: better-sqlite3): the
 * DataSource's connection stops checkpointing on commit (wal_autocheckpoint = 0) and a worker thread runs
 * `wal_checkpoint(PASSIVE)` every `everyMs` on a connection of its own — PASSIVE never blocks the writer,
 * so a commit no longer pays tens of milliseconds now and then for copying the WAL into the database, and
 * the copying does not stop the event loop. Stopped by `ds.destroy()`.
 */
export async function checkpointInBackground(ds: DataSource, file: string, everyMs = 1000): Promise<void> {
  await ds.query('PRAGMA wal_autocheckpoint = 0');
  const worker = new Worker(CHECKPOINT_WORKER, {
    eval: true, workerData: { module: require.resolve('better-sqlite3'), file, everyMs },
    // it holds one connection and a timer: a small heap, and a small page cache (a checkpoint streams pages)
    resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
  });
  worker.unref();
  const destroy = ds.destroy.bind(ds);
  // the worker lives exactly as long as the DataSource
  ds.destroy = async () => {
    await new Promise<void>((resolve) => {
      worker.once('message', () => resolve());
      worker.once('exit', () => resolve());
      worker.postMessage('close');
    });
    await worker.terminate();
    return destroy();
  };
}
