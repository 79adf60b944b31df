import { pctOf, tradingDay } from './risk-math';

describe('risk math', () => {
  it('should roll the trading day over at midnight in the configured time zone', () => {
    const at = new Date('2026-11-30T23:30:00.000Z');
    expect(tradingDay(at, 'UTC')).toBe('2026-11-30');
    expect(tradingDay(at, 'Europe/Berlin')).toBe('2026-12-01');
    expect(tradingDay(at, 'America/New_York')).toBe('2026-11-30');
  });

  it('should give percent changes against a base', () => {
    expect(pctOf(950, 1000)).toBeCloseTo(-5, 9);
    expect(pctOf(1, 0)).toBe(0);
  });
});
