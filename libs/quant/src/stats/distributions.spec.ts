import { fCdf, fUpperTail, studentTCdf, studentTTwoSided } from './distributions';

const relClose = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(rel);

// jstat's incomplete beta stops its continued fraction at a 3e-7 step tolerance and uses a log-gamma good to
// ~2e-10, so its p-values carry up to ~2e-7 relative error (measured against scipy over df1 ≤ 10, df2 ≤ 5000).
const JSTAT_REL = 5e-7;

describe('distributions', () => {
  describe('fUpperTail()', () => {
    it('should match R qf() critical values (the 95% quantile leaves 5% above it)', () => {
      // R: qf(0.95, 3, 44) = 2.816466; qf(0.95, 4, 100) ≈ 2.463 — quantiles printed to 7 digits
      expect(fUpperTail(2.816466, 3, 44)).toBeCloseTo(0.05, 6);
      expect(fCdf(2.816466, 3, 44)).toBeCloseTo(0.95, 6);
    });

    it('should agree with an independent implementation (scipy.stats.f.sf) within jstat\'s precision', () => {
      relClose(fUpperTail(5.404984372335058, 3, 44), 0.0029663974455763115, JSTAT_REL);
      relClose(fUpperTail(0.5916153294546916, 3, 44), 0.6237862003924053, JSTAT_REL);
      relClose(fUpperTail(2.5, 4, 100), 0.047239238913594384, JSTAT_REL);
    });

    it('should keep relative precision for tiny p-values where 1 - cdf collapses to 0', () => {
      relClose(fUpperTail(30, 2, 480), 5.289256307483454e-13, JSTAT_REL); // scipy.stats.f.sf(30, 2, 480)
      expect(1 - fCdf(50, 5, 489)).toBe(0);
      expect(fUpperTail(50, 5, 489)).toBeGreaterThan(0);
    });

    it('should be the complement of fCdf', () => {
      for (const [f, d1, d2] of [[0.3, 1, 10], [1, 3, 44], [4.2, 5, 489], [0.01, 2, 7]]) {
        expect(fUpperTail(f, d1, d2) + fCdf(f, d1, d2)).toBeCloseTo(1, 12);
      }
    });

    it('should handle the ends and invalid parameters without throwing', () => {
      expect(fUpperTail(0, 3, 44)).toBe(1);
      expect(fUpperTail(Infinity, 3, 44)).toBe(0);
      expect(fUpperTail(NaN, 3, 44)).toBeNaN();
      expect(fUpperTail(1, 0, 44)).toBeNaN();
      expect(fUpperTail(1, 3, -1)).toBeNaN();
      expect(fCdf(-1, 3, 44)).toBe(0);
    });
  });

  describe('studentTCdf() / studentTTwoSided()', () => {
    it('should match the t table: qt(0.975, 10) = 2.228139', () => {
      expect(studentTCdf(2.228139, 10)).toBeCloseTo(0.975, 6);
      expect(studentTTwoSided(2.228139, 10)).toBeCloseTo(0.05, 6);
      expect(studentTTwoSided(-2.228139, 10)).toBeCloseTo(0.05, 6);
    });

    it('should agree with scipy.stats.t within jstat\'s precision, including far tails', () => {
      relClose(studentTCdf(-1.5, 7), 0.088649243494985, JSTAT_REL);
      relClose(studentTTwoSided(3.2, 25), 0.003715968433930124, JSTAT_REL);
      relClose(studentTTwoSided(12, 400), 1.508426338306566e-28, JSTAT_REL);
    });

    it('should handle the ends and invalid parameters', () => {
      expect(studentTTwoSided(0, 5)).toBe(1);
      expect(studentTTwoSided(Infinity, 5)).toBe(0);
      expect(studentTCdf(-Infinity, 5)).toBe(0);
      expect(studentTCdf(1, 0)).toBeNaN();
      expect(studentTTwoSided(NaN, 5)).toBeNaN();
    });
  });
});
