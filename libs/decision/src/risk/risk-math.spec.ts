import { pctOf } from './risk-math';

describe('risk math', () => {
  it('should give percent changes against a base', () => {
    expect(pctOf(950, 1000)).toBeCloseTo(-5, 9);
    expect(pctOf(1, 0)).toBe(0);
  });
});
