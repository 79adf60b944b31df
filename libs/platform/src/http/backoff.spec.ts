import { parseRetryAfter, retryDelayMs } from './backoff';

describe('retryDelayMs()', () => {
  const policy = { baseMs: 100, maxMs: 1000 };

  it('should stay within [ceiling/2, ceiling] and double per attempt up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, policy, null, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([1, 2, 3].map((a) => retryDelayMs(a, policy, null, () => 0))).toEqual([50, 100, 200]);
  });

  it('should never wait less than Retry-After', () => {
    expect(retryDelayMs(1, policy, 5000, () => 0.5)).toBe(5000);
  });
});

describe('parseRetryAfter()', () => {
  it('should read seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:30 GMT', now)).toBe(30000);
  });

  it('should return null for missing or unreadable values', () => {
    expect(parseRetryAfter(undefined)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
