import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { QuantInputError } from './errors';
import { grangerLags, grangerTest } from './granger';
import { ols } from './ols';

const REPO_ROOT = resolve(__dirname, '../../../..');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

interface ChickEggReference {
  data: { years: number[]; chicken: number[]; egg: number[] };
  expected: Record<string, { F: number; p_value: number; df_numerator: number; df_denominator: number; res_df_unrestricted: number }>;
}
const chickEgg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'fixtures/reference/granger_chickegg.json'), 'utf8')) as ChickEggReference;

interface MacroFixture {
  realgdp: number[];
  realcons: number[];
  expected: { F: number; p_value: number; df_numerator: number; df_denominator: number };
}
const macro = JSON.parse(readFileSync(resolve(__dirname, 'fixtures/macrodata_realgdp_realcons.json'), 'utf8')) as MacroFixture;
const dlog = (xs: number[]) => xs.slice(1).map((v, i) => Math.log(v) - Math.log(xs[i]));

/** Significant digits as R prints them: `digits` significant figures, trailing zeros kept. */
const sig = (x: number, digits: number) => x.toPrecision(digits);
const printedDigits = (printed: number) => printed.toPrecision(15).replace(/^-?0\.0*|\.|e.*$/g, '').replace(/0+$/, '').length;

/**
 * An independent Granger F: rows chosen by R's na.omit rule written out longhand, two separate regressions,
 * each solved from the normal equations of the *centred* data (the intercept absorbed by centring) by Gaussian
 * elimination with partial pivoting — no QR, no shared code with the implementation under test.
 */
function referenceGranger(cause: number[], effect: number[], k: number): { f: number; df2: number; n: number } {
  const rowsT: number[] = [];
  for (let t = k; t < effect.length; t++) {
    const cells = [effect[t], cause[t]];
    for (let j = 1; j <= k; j++) cells.push(effect[t - j], cause[t - j]);
    if (cells.every((v) => !Number.isNaN(v))) rowsT.push(t);
  }
  const y = rowsT.map((t) => effect[t]);
  const lagsOf = (s: number[]) => Array.from({ length: k }, (_, j) => rowsT.map((t) => s[t - j - 1]));
  const rss = (cols: number[][]) => {
    const n = y.length;
    const centre = (v: number[]) => {
      const m = v.reduce((s, x) => s + x, 0) / n;
      return v.map((x) => x - m);
    };
    const yc = centre(y);
    const xc = cols.map(centre);
    const p = xc.length;
    const A = xc.map((ci) => [...xc.map((cj) => ci.reduce((s, v, r) => s + v * cj[r], 0)), ci.reduce((s, v, r) => s + v * yc[r], 0)]);
    for (let c = 0; c < p; c++) {
      let piv = c;
      for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
      [A[c], A[piv]] = [A[piv], A[c]];
      for (let r = 0; r < p; r++) {
        if (r === c) continue;
        const f = A[r][c] / A[c][c];
        for (let q = c; q <= p; q++) A[r][q] -= f * A[c][q];
      }
    }
    const b = A.map((row, i) => row[p] / row[i]);
    return yc.reduce((s, v, r) => s + (v - xc.reduce((acc, col, j) => acc + b[j] * col[r], 0)) ** 2, 0);
  };
  const rssR = rss(lagsOf(effect));
  const rssU = rss([...lagsOf(effect), ...lagsOf(cause)]);
  const df2 = y.length - 2 * k - 1;
  return { f: (rssR - rssU) / k / (rssU / df2), df2, n: y.length };
}

describe('grangerTest()', () => {
  const { chicken, egg } = chickEgg.data;

  describe('R lmtest::grangertest on ChickEgg (fixtures/reference/granger_chickegg.json)', () => {
    it.each([
      ['chicken ~ egg (eggs Granger-cause chickens?)', egg, chicken],
      ['egg ~ chicken (chickens Granger-cause eggs?)', chicken, egg],
    ])('should print the same digits as R for %s', (label, cause, effect) => {
      const expected = chickEgg.expected[label];
      const r = grangerTest(cause, effect, 3);
      expect(r.df1).toBe(expected.df_numerator);
      expect(r.df2).toBe(expected.df_denominator);
      expect(r.df2).toBe(expected.res_df_unrestricted);
      expect(r.n).toBe(51);
      // R prints 4 significant digits: F = 5.405 / 0.5916, p = 0.002966 / 0.6238
      expect(sig(r.f, printedDigits(expected.F))).toBe(sig(expected.F, printedDigits(expected.F)));
      expect(sig(r.p, printedDigits(expected.p_value))).toBe(sig(expected.p_value, printedDigits(expected.p_value)));
    });

    it('should give the numbers written in the issue', () => {
      const ce = grangerTest(egg, chicken, 3);
      expect([sig(ce.f, 4), ce.df1, ce.df2, sig(ce.p, 4)]).toEqual(['5.405', 3, 44, '0.002966']);
      const ec = grangerTest(chicken, egg, 3);
      expect([sig(ec.f, 4), sig(ec.p, 4)]).toEqual(['0.5916', '0.6238']);
    });
  });

  describe('R lmtest::grangertest on statsmodels macrodata (published in statsmodels test_stattools.py)', () => {
    it('should match F = 0.243097, p = 0.7844328 on (2, 195) df to every published digit and 1e-6 relative', () => {
      const r = grangerTest(dlog(macro.realgdp), dlog(macro.realcons), 2);
      expect(r.df1).toBe(macro.expected.df_numerator);
      expect(r.df2).toBe(macro.expected.df_denominator);
      expect(sig(r.f, 6)).toBe('0.243097');
      expect(sig(r.p, 7)).toBe('0.7844328');
      expect(rel(r.f, macro.expected.F)).toBeLessThan(1e-6);
      expect(rel(r.p, macro.expected.p_value)).toBeLessThan(1e-6);
    });
  });

  describe('against an independent computation', () => {
    it('should equal normal-equation F on ChickEgg for orders 1..6 in both directions', () => {
      for (let k = 1; k <= 6; k++) {
        for (const [cause, effect] of [[egg, chicken], [chicken, egg]]) {
          const ref = referenceGranger(cause, effect, k);
          const r = grangerTest(cause, effect, k);
          expect(r.df2).toBe(ref.df2);
          expect(r.n).toBe(ref.n);
          expect(rel(r.f, ref.f)).toBeLessThan(1e-8);
        }
      }
    });

    it('should equal numpy.linalg.lstsq F values for ChickEgg orders 1, 2, 4', () => {
      // numpy 2.4 lstsq on the same two designs (a third implementation): chicken ~ egg and egg ~ chicken
      const numpy: [number, number, number][] = [[1, 1.2071001073095355, 0.047031856499272835], [2, 8.817472803317825, 0.8799844471159206], [4, 4.256765796672341, 0.3928632977628045]];
      for (const [k, fChicken, fEgg] of numpy) {
        expect(rel(grangerTest(egg, chicken, k).f, fChicken)).toBeLessThan(1e-10);
        expect(rel(grangerTest(chicken, egg, k).f, fEgg)).toBeLessThan(1e-10);
      }
    });

    it('should equal the F from two separate ols() fits', () => {
      const k = 2;
      const effect = dlog(macro.realcons);
      const cause = dlog(macro.realgdp);
      const y = effect.slice(k);
      const lag = (s: number[], j: number) => s.slice(k - j, s.length - j);
      const u = ols(y, [lag(effect, 1), lag(effect, 2), lag(cause, 1), lag(cause, 2)], { intercept: true });
      const r = ols(y, [lag(effect, 1), lag(effect, 2)], { intercept: true });
      const f = (r.rss - u.rss) / k / (u.rss / u.df);
      expect(rel(grangerTest(cause, effect, k).f, f)).toBeLessThan(1e-9);
    });

    it('should agree with the independent F on random series, with and without missing values', () => {
      const value = fc.integer({ min: -5000, max: 5000 }).map((v) => v / 100);
      const series = fc.array(fc.oneof({ weight: 12, arbitrary: value }, { weight: 1, arbitrary: fc.constant(NaN) }), { minLength: 40, maxLength: 80 });
      fc.assert(
        fc.property(series, series, fc.integer({ min: 1, max: 3 }), (a, b, k) => {
          const n = Math.min(a.length, b.length);
          const cause = a.slice(0, n);
          const effect = b.slice(0, n);
          let r;
          try {
            r = grangerTest(cause, effect, k);
          } catch (err) {
            expect(err).toBeInstanceOf(QuantInputError);
            return;
          }
          const ref = referenceGranger(cause, effect, k);
          fc.pre(Number.isFinite(ref.f));
          expect(r.n).toBe(ref.n);
          expect(r.df2).toBe(ref.df2);
          expect(Math.abs(r.f - ref.f)).toBeLessThanOrEqual(1e-7 * Math.max(1, ref.f));
          expect(r.p).toBeGreaterThanOrEqual(0);
          expect(r.p).toBeLessThanOrEqual(1);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('missing values and edge cases', () => {
    it("should drop a row when cause[t] is NaN even though the model does not use it (R's na.omit over merge)", () => {
      const cause = [...egg];
      cause[20] = NaN; // rows 20 (own value) and 21..23 (lags) go
      const r = grangerTest(cause, chicken, 3);
      expect(r.n).toBe(51 - 4);
      expect(rel(r.f, referenceGranger(cause, chicken, 3).f)).toBeLessThan(1e-8);
    });

    it('should accept typed arrays and give the same answer', () => {
      const a = grangerTest(Float64Array.from(egg), Float64Array.from(chicken), 3);
      expect(a).toEqual(grangerTest(egg, chicken, 3));
    });

    it('should not leak state between calls that reuse its buffers', () => {
      const first = grangerTest(egg, chicken, 3);
      grangerTest(dlog(macro.realgdp), dlog(macro.realcons), 5);
      grangerTest(egg.slice(0, 12), chicken.slice(0, 12), 1);
      expect(grangerTest(egg, chicken, 3)).toEqual(first);
    });

    it('should report an exact fit as an enormous F with p ≈ 0', () => {
      // effect[t] = 2·cause[t−1] + 1 exactly: the cause lag explains everything the effect's own lags do not.
      const cause = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3];
      const effect = cause.map((_, t) => (t === 0 ? 0 : 2 * cause[t - 1] + 1));
      const r = grangerTest(cause, effect, 1);
      expect(r.f).toBeGreaterThan(1e20); // RSS_u is rounding noise, not exactly 0
      expect(r.p).toBeLessThan(1e-100);
    });

    it('should throw a QuantInputError with a clear code for bad input', () => {
      const code = (fn: () => unknown) => {
        try {
          fn();
        } catch (err) {
          return err instanceof QuantInputError ? err.code : String(err);
        }
        return 'no error';
      };
      expect(code(() => grangerTest(egg, chicken.slice(1), 3))).toBe('LENGTH_MISMATCH');
      expect(code(() => grangerTest(egg, chicken, 0))).toBe('BAD_ORDER');
      expect(code(() => grangerTest(egg, chicken, 1.5))).toBe('BAD_ORDER');
      expect(code(() => grangerTest(egg.slice(0, 8), chicken.slice(0, 8), 3))).toBe('TOO_FEW_OBSERVATIONS');
      expect(code(() => grangerTest(egg, chicken.map(() => 7), 2))).toBe('CONSTANT_SERIES');
      expect(code(() => grangerTest(egg.map(() => 7), chicken, 2))).toBe('CONSTANT_SERIES');
      expect(code(() => grangerTest(chicken, chicken, 2))).toBe('RANK_DEFICIENT');
      expect(code(() => grangerTest([...egg.slice(0, 53), Infinity], chicken, 2))).toBe('NON_FINITE');
      expect(() => grangerTest(egg.slice(0, 8), chicken.slice(0, 8), 3)).toThrow('order 3 needs at least 8 usable rows');
      expect(() => grangerTest(egg, chicken.map(() => 7), 2)).toThrow('effect is constant');
      expect(() => grangerTest(chicken, chicken, 2)).toThrow('cause lag 1 is a linear combination');
    });

    it('should accept the smallest sample with df2 = 1', () => {
      const r = grangerTest(egg.slice(0, 5), chicken.slice(0, 5), 1); // n = 4 rows, p = 3
      expect(r.df2).toBe(1);
      expect(Number.isFinite(r.f)).toBe(true);
    });
  });
});

describe('grangerLags()', () => {
  it('should run orders 1..L as independent R-style tests', () => {
    const { chicken, egg } = chickEgg.data;
    const out = grangerLags(egg, chicken, 4);
    expect(out.map((r) => r.df1)).toEqual([1, 2, 3, 4]);
    expect(out.map((r) => r.n)).toEqual([53, 52, 51, 50]);
    out.forEach((r, i) => expect(r).toEqual(grangerTest(egg, chicken, i + 1)));
    expect(sig(out[2].f, 4)).toBe('5.405');
  });

  it('should reject a bad maxLag', () => {
    expect(() => grangerLags([1, 2], [1, 2], 0)).toThrow(/maxLag/);
  });
});
