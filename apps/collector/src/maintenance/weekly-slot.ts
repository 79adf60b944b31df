/**
 * Milliseconds from `nowMs` to the next `weekday` (0 = Sunday) at `hhmm` UTC.
 * Exactly at the slot → a full week (the run for this slot has just been scheduled).
 */
export function msUntilWeeklySlot(nowMs: number, weekday: number, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  const now = new Date(nowMs);
  const slot = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), h, m);
  const days = (weekday - now.getUTCDay() + 7) % 7;
  let next = slot + days * 86_400_000;
  if (next <= nowMs) next += 7 * 86_400_000;
  return next - nowMs;
}
