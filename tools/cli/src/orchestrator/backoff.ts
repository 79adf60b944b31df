/** Restart delay after the n-th consecutive crash: 1 s, 2 s, 4 s … capped at 30 s. */
export function restartDelayMs(consecutiveCrashes: number, baseMs = 1000, capMs = 30_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, consecutiveCrashes - 1));
}

/** A process that stayed up this long is considered healthy again: its crash count resets. */
export const STABLE_AFTER_MS = 60_000;
