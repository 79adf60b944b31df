import { dayOf, nextClockTime, startOfDay } from './day-clock';

describe('day clock', () => {
  describe('startOfDay()', () => {
    it('should answer midnight of the same day in the time zone', () => {
      expect(startOfDay(new Date('2025-03-10T15:30:00Z'), 'UTC')).toBe('2025-03-10T00:00:00.000Z');
      expect(startOfDay(new Date('2025-03-10T00:00:00Z'), 'UTC')).toBe('2025-03-10T00:00:00.000Z');
      expect(startOfDay(new Date('2025-07-10T21:30:00Z'), 'Europe/Paris')).toBe('2025-07-09T22:00:00.000Z');
      expect(startOfDay(new Date('2025-07-10T22:30:00Z'), 'Europe/Paris')).toBe('2025-07-10T22:00:00.000Z');
    });
  });

  describe('dayOf()', () => {
    it('should answer the calendar day in the time zone', () => {
      expect(dayOf(new Date('2025-07-10T22:30:00Z'), 'UTC')).toBe('2025-07-10');
      expect(dayOf(new Date('2025-07-10T22:30:00Z'), 'Europe/Paris')).toBe('2025-07-11');
    });
  });

  describe('nextClockTime()', () => {
    it('should answer the next occurrence, strictly later', () => {
      expect(nextClockTime(new Date('2025-07-10T19:00:00Z'), '20:00', 'UTC').toISOString()).toBe('2025-07-10T20:00:00.000Z');
      expect(nextClockTime(new Date('2025-07-10T20:00:00Z'), '20:00', 'UTC').toISOString()).toBe('2025-07-11T20:00:00.000Z');
      expect(nextClockTime(new Date('2025-07-10T19:00:00Z'), '20:00', 'Europe/Paris').toISOString()).toBe('2025-07-11T18:00:00.000Z');
    });
  });
});
