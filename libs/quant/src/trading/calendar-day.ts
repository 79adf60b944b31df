/** Trading-day arithmetic: pure, the time is always an argument. */

const dayFormats = new Map<string, Intl.DateTimeFormat>();
let lastDay = { tz: '', minute: NaN, day: '' };

/** The calendar day (YYYY-MM-DD) of `at` in `tz` — where daily PnL and summaries roll over. */
export function calendarDay(at: Date, tz = 'UTC'): string {
  // Asked on every risk decision; days change on whole minutes in every zone, so one answer per minute.
  const minute = Math.floor(at.getTime() / 60_000);
  if (lastDay.tz === tz && lastDay.minute === minute) return lastDay.day;
  let f = dayFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(tz, f);
  }
  lastDay = { tz, minute, day: f.format(at) };
  return lastDay.day;
}
