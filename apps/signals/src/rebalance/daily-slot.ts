/** Milliseconds from `nowMs` until the next `hhmm` (UTC, "HH:MM"); a full day when exactly on it. */
export function msUntilDailyUtc(nowMs: number, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  const day = 86_400_000;
  const offset = (h * 60 + m) * 60_000;
  const sinceSlot = (((nowMs - offset) % day) + day) % day;
  return day - sinceSlot;
}
