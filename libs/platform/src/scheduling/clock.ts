import { CronExpressionParser } from 'cron-parser';

/** A cron expression (five fields) that does not parse; the message names it. */
export class CronError extends Error {
  override readonly name = 'CronError';
}

function parse(expression: string, tz: string, currentMs: number) {
  try {
    return CronExpressionParser.parse(expression, { tz, currentDate: new Date(currentMs) });
  } catch (err) {
    throw new CronError(`invalid cron expression ${JSON.stringify(expression)} (${(err as Error).message})`);
  }
}

/** The next time (epoch ms, strictly after `nowMs`) that the cron `expression` names, in time zone `tz`. */
export function nextCronTime(expression: string, nowMs: number, tz = 'UTC'): number {
  return parse(expression, tz, nowMs).next().getTime();
}

/** The newest time at or before `nowMs` that the cron `expression` names, in time zone `tz`. */
export function previousCronTime(expression: string, nowMs: number, tz = 'UTC'): number {
  return parse(expression, tz, nowMs + 1).prev().getTime();
}

/** The next time (strictly after `nowMs`) the clock in `tz` reads `hhmm` ("HH:MM", validated by the config). */
export function nextDailyTime(nowMs: number, hhmm: string, tz = 'UTC'): number {
  const [h, m] = hhmm.split(':').map(Number);
  return nextCronTime(`${m} ${h} * * *`, nowMs, tz);
}

/** Start (epoch ms) of the calendar day containing `nowMs` in `tz`. */
export function startOfDay(nowMs: number, tz = 'UTC'): number {
  return previousCronTime('0 0 * * *', nowMs, tz);
}
