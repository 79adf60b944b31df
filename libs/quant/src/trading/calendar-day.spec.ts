import { calendarDay } from './calendar-day';

describe('calendarDay', () => {
  it('should roll the calendar day over at midnight in the time zone', () => {
    const t = new Date('2026-11-30T23:30:00.000Z');
    expect(calendarDay(t, 'UTC')).toBe('2026-11-30');
    expect(calendarDay(t, 'Europe/Berlin')).toBe('2026-12-01');
    expect(calendarDay(t, 'America/New_York')).toBe('2026-11-30');
    expect(calendarDay(new Date('2025-07-10T22:30:00Z'), 'Europe/Paris')).toBe('2025-07-11');
  });
});
