import { restartDelayMs } from './backoff';

describe('restartDelayMs()', () => {
  it('should double from the base and stop at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartDelayMs(n))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('should treat zero crashes as the first delay', () => {
    expect(restartDelayMs(0)).toBe(1000);
  });
});
