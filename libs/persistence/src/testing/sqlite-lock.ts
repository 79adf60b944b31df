import { spawn } from 'node:child_process';

/** Another process holding SQLite's write lock on a file (specs of lock waits). */
export interface HeldSqliteLock {
  /** Resolves once the holding process has exited: the lock is free. */
  readonly released: Promise<void>;
  /** SIGKILLs the holder (the operating system drops its lock); resolves once it is gone. */
  kill(): Promise<void>;
}

/**
 * Starts a process that takes `BEGIN EXCLUSIVE` on `file` (better-sqlite3; the same as IMMEDIATE on a WAL
 * database) and resolves once it holds it. The holder commits and exits after `holdMs`, or keeps the lock
 * until killed when `holdMs` is not given.
 */
export async function holdSqliteLock(file: string, holdMs?: number): Promise<HeldSqliteLock> {
  const release = holdMs === undefined ? 'setInterval(() => {}, 1000);' : `setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});`;
  const child = spawn(process.execPath, ['-e', `
    const db = new (require('better-sqlite3'))(${JSON.stringify(file)}, { timeout: 0 });
    db.exec('BEGIN EXCLUSIVE'); process.stdout.write('locked\\n'); ${release}
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return { released, kill: () => (child.kill('SIGKILL'), released) };
}
