import fc from 'fast-check';
import { intervalIndex, intervalMs, intervalStartMs, lastCompleteInterval, msUntilNextSlot } from './grid';

describe('interval grid', () => {
  const t = Date.parse('2026-03-01T10:07:30.000Z');

  it('should put 15-minute slots at :00, :15, :30, :45 UTC', () => {
    const k = intervalIndex(t, 15);
    expect(new Date(intervalStartMs(k, 15)).toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(new Date(intervalStartMs(k + 1, 15)).toISOString()).toBe('2026-03-01T10:15:00.000Z');
    expect(intervalMs(15)).toBe(900_000);
  });

  it('should name the newest interval that ended at least settleMs ago', () => {
    const at = (iso: string, settle = 0) => new Date(intervalStartMs(lastCompleteInterval(Date.parse(iso), 15, settle), 15)).toISOString();
    expect(at('2026-03-01T10:07:30.000Z')).toBe('2026-03-01T09:45:00.000Z');
    expect(at('2026-03-01T10:15:00.000Z')).toBe('2026-03-01T10:00:00.000Z');
    expect(at('2026-03-01T10:15:10.000Z', 15_000)).toBe('2026-03-01T09:45:00.000Z');
    expect(at('2026-03-01T10:15:15.000Z', 15_000)).toBe('2026-03-01T10:00:00.000Z');
  });

  it('should wait until the next slot', () => {
    expect(msUntilNextSlot(t, 15)).toBe(7.5 * 60_000);
    expect(msUntilNextSlot(Date.parse('2026-03-01T10:15:00.000Z'), 15)).toBe(900_000);
  });

  it('should place every instant inside its own interval', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.integer({ min: 1, max: 1440 }), (ms, minutes) => {
      const k = intervalIndex(ms, minutes);
      return intervalStartMs(k, minutes) <= ms && ms < intervalStartMs(k + 1, minutes) && ms + msUntilNextSlot(ms, minutes) === intervalStartMs(k + 1, minutes);
    }));
  });

  it('should refuse a non-positive interval', () => {
    expect(() => intervalMs(0)).toThrow(RangeError);
    expect(() => intervalIndex(1, Number.NaN)).toThrow(RangeError);
  });
});
