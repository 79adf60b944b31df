import fc from 'fast-check';
import { quantile } from '../stats/descriptive';
import { distributionOf, sortedQuantile } from './distribution';

describe('sortedQuantile() and distributionOf()', () => {
  it('should give the type-7 quantile of stats/descriptive on any sample', () => {
    // −0 and 0 are one value here (the typed sort orders them, the comparator sort keeps input order)
    const value = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x + 0);
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, q) => {
      const sorted = Float64Array.from(xs).sort();
      expect(sortedQuantile(sorted, q)).toBe(quantile(xs, q));
    }));
  });

  it('should read R\'s quantile(1:10, c(.05, .25, .5, .75, .95)) = 1.45 3.25 5.5 7.75 9.55 and the 90 / 95 % intervals', () => {
    const d = distributionOf(Float64Array.from([10, 3, 7, 1, 5, 9, 2, 8, 6, 4]));
    expect([d.p5, d.p25, d.p50, d.p75, d.p95].map((v) => Number(v.toFixed(12)))).toEqual([1.45, 3.25, 5.5, 7.75, 9.55]);
    expect(d.ci90).toEqual([d.p5, d.p95]);
    // R: quantile(1:10, c(.025, .975)) = 1.225 9.775
    expect(d.ci95.map((v) => Number(v.toFixed(12)))).toEqual([1.225, 9.775]);
  });

  it('should keep ±Infinity (a bust path\'s Sharpe) instead of turning it into NaN', () => {
    const d = distributionOf(Float64Array.from([-Infinity, -Infinity, -Infinity, 1, 2]));
    expect(d.p5).toBe(-Infinity);
    expect(d.p25).toBe(-Infinity);
    expect(d.p95).toBeCloseTo(1.8, 12);
    // between −∞ and a finite value the type-7 weight puts the quantile at −∞, not NaN
    expect(sortedQuantile(Float64Array.from([-Infinity, 1]), 0.5)).toBe(-Infinity);
    expect(sortedQuantile(Float64Array.from([1, Infinity]), 0.5)).toBe(Infinity);
    expect(sortedQuantile(Float64Array.from([-Infinity, Infinity]), 0.5)).toBe(-Infinity);
    expect(sortedQuantile(Float64Array.from([-Infinity, 1]), 1)).toBe(1);
    expect(sortedQuantile(new Float64Array(0), 0.5)).toBeNaN();
  });
});
