import { CronExpressionParser } from 'cron-parser';

/** setTimeout's ceiling (2³¹ − 1 ms, ~24.8 days): a longer delay would fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * The next time (epoch ms, strictly after `nowMs`) that the five-field cron `expression` names,
 * evaluated in UTC. Throws an Error naming analysis.schedule and the expression when it does not parse.
 */
export function nextCronTime(expression: string, nowMs: number): number {
  try {
    return CronExpressionParser.parse(expression, { tz: 'UTC', currentDate: new Date(nowMs) }).next().getTime();
  } catch (err) {
    throw new Error(`analysis.schedule: invalid cron expression ${JSON.stringify(expression)} (${(err as Error).message})`);
  }
}

/** The newest cron time at or before `nowMs` (UTC); throws like nextCronTime on a bad expression. */
export function previousCronTime(expression: string, nowMs: number): number {
  try {
    return CronExpressionParser.parse(expression, { tz: 'UTC', currentDate: new Date(nowMs + 1) }).prev().getTime();
  } catch (err) {
    throw new Error(`analysis.schedule: invalid cron expression ${JSON.stringify(expression)} (${(err as Error).message})`);
  }
}

/**
 * A scheduled run was missed (the analyzer was down at its time, or no run was ever stored): the newest
 * stored run is older than the newest cron time. Then the analyzer catches up shortly after start
 * instead of leaving the signals service without an analysis until the next cron time.
 */
export function missedRun(expression: string, lastRunIso: string | null, nowMs: number): boolean {
  return lastRunIso === null || Date.parse(lastRunIso) < previousCronTime(expression, nowMs);
}
