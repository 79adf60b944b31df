import { CronError, nextCronTime as nextTime, previousCronTime as previousTime } from '@polytrader/platform';

/** setTimeout's ceiling (2³¹ − 1 ms, ~24.8 days): a longer delay would fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** The platform's cron clock (UTC), with a bad expression named as the setting it came from. */
function named<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CronError) throw new Error(`analysis.schedule: ${err.message}`);
    throw err;
  }
}

/** The next time (epoch ms, strictly after `nowMs`) that analysis.schedule names, in UTC. */
export function nextCronTime(expression: string, nowMs: number): number {
  return named(() => nextTime(expression, nowMs));
}

/** The newest time at or before `nowMs` that analysis.schedule names, in UTC. */
export function previousCronTime(expression: string, nowMs: number): number {
  return named(() => previousTime(expression, nowMs));
}

/**
 * A scheduled run was missed (the analyzer was down at its time, or no run was ever stored): the newest
 * stored run is older than the newest cron time. Then the analyzer catches up shortly after start
 * instead of leaving the signals service without an analysis until the next cron time.
 */
export function missedRun(expression: string, lastRunIso: string | null, nowMs: number): boolean {
  return lastRunIso === null || Date.parse(lastRunIso) < previousCronTime(expression, nowMs);
}
