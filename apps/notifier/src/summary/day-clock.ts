import { CronExpressionParser } from 'cron-parser';

/** Start of the day containing `now` in `timezone` (ISO, UTC). */
export function startOfDay(now: Date, timezone: string): string {
  return CronExpressionParser.parse('0 0 * * *', { tz: timezone, currentDate: new Date(now.getTime() + 1) }).prev().toDate().toISOString();
}

/** The calendar day of `now` in `timezone`, YYYY-MM-DD. */
export function dayOf(now: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The next time the clock in `timezone` reads `hhmm` ("20:00"), strictly after `now`. */
export function nextClockTime(now: Date, hhmm: string, timezone: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return CronExpressionParser.parse(`${m} ${h} * * *`, { tz: timezone, currentDate: now }).next().toDate();
}
