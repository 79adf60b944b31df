import { setTimeout as sleep } from 'node:timers/promises';

/** SQLite's "database is locked" (SQLITE_BUSY or an extended code), from either driver or through TypeORM. */
export function isSqliteBusy(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return String(e?.code).startsWith('SQLITE_BUSY') || /\bSQLITE_BUSY/.test(String(e?.message));
}

/**
 * Runs `attempt` again while SQLite answers busy, pausing between event-loop turns (1 ms, doubling to
 * 50 ms) until `timeoutMs` has passed; then its last error. Any other error is thrown at once. For the
 * lock waits SQLite's busy handler does not cover (a journal-mode change can answer busy at once while
 * another connection opens the same file) or must not do on the event loop (the inline writer).
 */
export async function retryWhileBusy<T>(attempt: () => T | Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    try {
      return await attempt();
    } catch (err) {
      if (!isSqliteBusy(err) || Date.now() > deadline) throw err;
    }
    await sleep(pause);
  }
}
