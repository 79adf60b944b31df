import fc from 'fast-check';
import { laggedCrossCorrelation, pearson, pearsonPValue } from './correlation';
import { QuantInputError } from './errors';

// R ?cor.test example (Hollander & Wolfe 1973, p. 187): cor.test(x, y) prints
//   t = 1.8411, df = 7, p-value = 0.1082 ... cor 0.5711816; alternative = "greater": p-value = 0.05409
const hwX = [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1];
const hwY = [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8];

describe('correlation', () => {
  describe('pearson()', () => {
    it("should reproduce R's cor.test example to every printed digit", () => {
      const r = pearson(hwX, hwY);
      expect(r.toPrecision(7)).toBe('0.5711816');
      expect(pearsonPValue(r, hwX.length).toPrecision(4)).toBe('0.1082');
      expect((r * Math.sqrt(7 / (1 - r * r))).toPrecision(5)).toBe('1.8411');
    });

    it('should drop pairs with a NaN on either side (pairwise-complete)', () => {
      expect(pearson([1, 2, NaN, 4, 5], [2, 4, 6, NaN, 10])).toBeCloseTo(1, 15);
      expect(pearson([1, 2, 3, NaN], [3, 2, 1, 0])).toBeCloseTo(-1, 15);
    });

    it('should return NaN for a constant series or fewer than two complete pairs', () => {
      expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
      expect(pearson([1, NaN, 3], [NaN, 2, 3])).toBeNaN();
      expect(pearson([], [])).toBeNaN();
    });

    it('should not lose precision on large levels (centred two-pass sums)', () => {
      const x = [1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4];
      expect(pearson(x, [1, 2, 3, 4])).toBe(1);
    });

    it('should throw on mismatched lengths or infinities', () => {
      expect(() => pearson([1, 2], [1])).toThrow(QuantInputError);
      expect(() => pearson([1, Infinity, 3], [1, 2, 3])).toThrow(/x\[1\] is Infinity/);
    });

    it('should stay within [-1, 1] and be symmetric', () => {
      const series = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 40 });
      fc.assert(
        fc.property(series, series, (a, b) => {
          const n = Math.min(a.length, b.length);
          const x = a.slice(0, n);
          const y = b.slice(0, n);
          const r = pearson(x, y);
          if (Number.isNaN(r)) return true;
          return r >= -1 && r <= 1 && Math.abs(r - pearson(y, x)) < 1e-12;
        }),
      );
    });
  });

  describe('pearsonPValue()', () => {
    it('should be NaN below 3 pairs and 0 for a perfect correlation', () => {
      expect(pearsonPValue(0.5, 2)).toBeNaN();
      expect(pearsonPValue(1, 10)).toBe(0);
      expect(pearsonPValue(0, 10)).toBe(1);
    });
  });

  describe('laggedCrossCorrelation()', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7];
    const y = x.map((_, t) => (t >= 2 ? 2 * x[t - 2] + 1 : NaN)); // y[t] = 2·x[t−2] + 1: x leads y by 2

    it('should find a lead of x over y at a positive lag', () => {
      const out = laggedCrossCorrelation(x, y, 3);
      expect(out.map((e) => e.lag)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
      const at2 = out.find((e) => e.lag === 2)!;
      expect(at2.r).toBeCloseTo(1, 14);
      expect(at2.n).toBe(x.length - 2);
      for (const e of out) if (e.lag !== 2) expect(Math.abs(e.r)).toBeLessThan(0.9);
    });

    it('should equal pearson over the overlapping slices at every lag', () => {
      const series = fc.array(fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.constant(NaN)), { minLength: 0, maxLength: 30 });
      fc.assert(
        fc.property(series, series, fc.integer({ min: 0, max: 8 }), (a, b, maxLag) => {
          const n = Math.min(a.length, b.length);
          const xs = a.slice(0, n);
          const ys = b.slice(0, n);
          const out = laggedCrossCorrelation(xs, ys, maxLag);
          expect(out).toHaveLength(2 * maxLag + 1);
          for (const { lag, r } of out) {
            const len = n - Math.abs(lag);
            const expected = len <= 0 ? NaN : lag >= 0 ? pearson(xs.slice(0, len), ys.slice(lag)) : pearson(xs.slice(-lag), ys.slice(0, len));
            if (Number.isNaN(expected)) expect(r).toBeNaN();
            else expect(r).toBeCloseTo(expected, 12);
          }
        }),
      );
    });

    it('should reject a negative or fractional maxLag', () => {
      expect(() => laggedCrossCorrelation(x, y, -1)).toThrow(/maxLag/);
      expect(() => laggedCrossCorrelation(x, y, 1.5)).toThrow(/maxLag/);
    });
  });
});
