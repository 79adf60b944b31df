import { msUntilDailyUtc } from './daily-slot';

describe('msUntilDailyUtc()', () => {
  const at = (iso: string) => Date.parse(iso);
  it('should wait until the time today, or tomorrow once passed', () => {
    expect(msUntilDailyUtc(at('2026-11-30T19:00:00Z'), '19:30')).toBe(30 * 60_000);
    expect(msUntilDailyUtc(at('2026-11-30T19:31:00Z'), '19:30')).toBe((24 * 60 - 1) * 60_000);
    expect(msUntilDailyUtc(at('2026-11-30T19:30:00Z'), '19:30')).toBe(86_400_000);
    expect(msUntilDailyUtc(at('2026-11-30T23:59:00Z'), '00:00')).toBe(60_000);
  });
});
