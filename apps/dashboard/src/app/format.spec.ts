import { age, bytes, duration, money, ms, short, time } from './format';

describe('format', () => {
  it('should write money with a real minus sign and a dash for no value', () => {
    expect(money(12.345)).toBe('$12.35');
    expect(money(-3)).toBe('−$3.00');
    expect(money(null)).toBe('–');
    expect(money(Number.NaN)).toBe('–');
  });

  it('should write ages and durations in the largest sensible unit', () => {
    const now = Date.parse('2026-12-07T10:00:00.000Z');
    expect(age('2026-12-07T09:59:56.000Z', now)).toBe('4 s');
    expect(age('2026-12-07T09:57:00.000Z', now)).toBe('3 min');
    expect(age(null, now)).toBe('–');
    expect(duration(7200)).toBe('2.0 h');
    expect(duration(3 * 86_400)).toBe('3.0 d');
    expect(ms(250)).toBe('250 ms');
    expect(ms(1500)).toBe('1.5 s');
  });

  it('should write sizes, times and shortened text', () => {
    expect(bytes(90 * 1024 * 1024)).toBe('90 MB');
    expect(time('2026-12-07T10:42:13.120Z')).toBe('2026-12-07 10:42:13 UTC');
    expect(short('abcdef', 4)).toBe('abc…');
    expect(short('abc', 4)).toBe('abc');
  });
});
