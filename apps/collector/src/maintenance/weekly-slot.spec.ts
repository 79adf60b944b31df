import { msUntilWeeklySlot } from './weekly-slot';

const H = 3_600_000;

describe('msUntilWeeklySlot()', () => {
  // 2026-11-26 is a Thursday (weekday 4).
  const thu10 = Date.parse('2026-11-26T10:00:00Z');

  it('should find the next Sunday 04:00 UTC', () => {
    expect(msUntilWeeklySlot(thu10, 0, '04:00')).toBe((3 * 24 - 6) * H);
  });

  it('should pick later today when the slot is still ahead', () => {
    expect(msUntilWeeklySlot(thu10, 4, '12:30')).toBe(2.5 * H);
  });

  it('should wait a full week when the slot is now or just passed', () => {
    expect(msUntilWeeklySlot(thu10, 4, '10:00')).toBe(7 * 24 * H);
    expect(msUntilWeeklySlot(thu10, 4, '09:00')).toBe((7 * 24 - 1) * H);
  });
});
