import { CronError, nextCronTime, nextDailyTime, previousCronTime, startOfDay } from './clock';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('clock', () => {
  it('should give the next cron time strictly after now, and the newest at or before it, in the time zone', () => {
    expect(iso(nextCronTime('0 3 * * *', at('2025-03-10T02:59:59.000Z')))).toBe('2025-03-10T03:00:00.000Z');
    expect(iso(nextCronTime('0 3 * * *', at('2025-03-10T03:00:00.000Z')))).toBe('2025-03-11T03:00:00.000Z');
    expect(iso(nextCronTime('*/15 * * * *', at('2025-03-10T10:07:00.000Z')))).toBe('2025-03-10T10:15:00.000Z');
    expect(iso(previousCronTime('0 3 * * *', at('2025-03-10T02:59:59.000Z')))).toBe('2025-03-09T03:00:00.000Z');
    expect(iso(previousCronTime('0 3 * * *', at('2025-03-10T03:00:00.000Z')))).toBe('2025-03-10T03:00:00.000Z');
    expect(iso(nextCronTime('0 3 * * *', at('2025-07-10T00:00:00.000Z'), 'Europe/Paris'))).toBe('2025-07-10T01:00:00.000Z');
    expect(() => nextCronTime('99 3 * * *', 0)).toThrow(CronError);
    expect(() => previousCronTime('nope', 0)).toThrow(/^invalid cron expression "nope"/);
  });

  it('should give the next daily clock time, strictly later, today or tomorrow', () => {
    expect(nextDailyTime(at('2026-11-30T19:00:00Z'), '19:30') - at('2026-11-30T19:00:00Z')).toBe(30 * 60_000);
    expect(nextDailyTime(at('2026-11-30T19:31:00Z'), '19:30') - at('2026-11-30T19:31:00Z')).toBe((24 * 60 - 1) * 60_000);
    expect(nextDailyTime(at('2026-11-30T19:30:00Z'), '19:30') - at('2026-11-30T19:30:00Z')).toBe(86_400_000);
    expect(nextDailyTime(at('2026-11-30T23:59:00Z'), '00:00') - at('2026-11-30T23:59:00Z')).toBe(60_000);
    expect(iso(nextDailyTime(at('2025-07-10T19:00:00Z'), '20:00', 'Europe/Paris'))).toBe('2025-07-11T18:00:00.000Z');
  });

  it('should answer midnight of the same day in the time zone', () => {
    expect(iso(startOfDay(at('2025-03-10T15:30:00Z')))).toBe('2025-03-10T00:00:00.000Z');
    expect(iso(startOfDay(at('2025-03-10T00:00:00Z')))).toBe('2025-03-10T00:00:00.000Z');
    expect(iso(startOfDay(at('2025-07-10T21:30:00Z'), 'Europe/Paris'))).toBe('2025-07-09T22:00:00.000Z');
    expect(iso(startOfDay(at('2025-07-10T22:30:00Z'), 'Europe/Paris'))).toBe('2025-07-10T22:00:00.000Z');
  });
});
