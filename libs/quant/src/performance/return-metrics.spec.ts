import fc from 'fast-check';
import { QuantInputError } from '../stats/errors';
import {
  annualReturn,
  annualVolatility,
  annualizationFactor,
  cagr,
  calmarRatio,
  cumReturns,
  cumReturnsFinal,
  downsideRisk,
  maxDrawdown,
  sharpeRatio,
  sortinoRatio,
  summarizeReturns,
} from './return-metrics';

/**
 * Reference values: quantopian/empyrical master, `empyrical/tests/test_stats.py` (the 0.5.5 definitions in
 * `empyrical/stats.py`), which asserts them with `assert_almost_equal(..., DECIMAL_PLACES = 8)` — 4 decimals for
 * cum_returns / cum_returns_final. The series below are that file's fixtures; the dates of its pandas index do not
 * enter any of these metrics. Where the test computes its expectation with a formula
 * (`empyrical.cum_returns_final(negative_returns)`, `one_return[0]`), the formula is written out here instead.
 */
const pct = (xs: number[]) => xs.map((x) => x / 100);
const simpleBenchmark = pct([0, 1, 0, 1, 0, 1, 0, 1, 0]);
const positiveReturns = pct([1, 2, 1, 1, 1, 1, 1, 1, 1]);
const negativeReturns = pct([0, -6, -7, -1, -9, -2, -6, -8, -5]);
const allNegativeReturns = pct([-2, -6, -7, -1, -9, -2, -6, -8, -5]);
const mixedReturns = pct([NaN, 1, 10, -4, 2, 3, 2, 1, -10]);
const flatLine1 = pct([1, 1, 1, 1, 1, 1, 1, 1, 1]);
const weeklyReturns = pct([0, 1, 10, -4, 2, 3, 2, 1, -10]);
const monthlyReturns = weeklyReturns;
const oneReturn = pct([1]);
const emptyReturns: number[] = [];
const flatLine1Tz = new Array<number>(1000).fill(0.01);
const dfOne = [-0.00171614, 0.01322056, 0.03063862, -0.01422057, -0.00489779, 0.01268925, -0.03357711, 0.01797036];
const dfTwo = [0.01846232, 0.00793951, -0.01448395, 0.00422537, -0.00339611, 0.03756813, 0.0151531, 0.03549769];

const DECIMAL_PLACES = 8;

/** numpy.testing.assert_almost_equal: |actual − expected| < 1.5 × 10^−decimal; NaN matches NaN, ±Infinity must match exactly. */
function expectAlmostEqual(actual: number, expected: number, decimal = DECIMAL_PLACES): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) {
    expect(actual).toBe(expected);
    return;
  }
  const diff = Math.abs(actual - expected);
  if (!(diff < 1.5 * 10 ** -decimal)) throw new Error(`expected ${expected}, got ${actual} (|diff| ${diff} ≥ 1.5e-${decimal})`);
}

/** The compounded total return, written out (what empyrical's test gets from `cum_returns_final`). */
const compounded = (xs: number[]) => xs.reduce((g, r) => (Number.isNaN(r) ? g : g * (1 + r)), 1) - 1;

describe('return metrics: empyrical test_stats.py reference values', () => {
  it.each([
    ['empty_returns', emptyReturns, 0, []],
    ['mixed_returns', mixedReturns, 0, [0.0, 0.01, 0.111, 0.066559, 0.08789, 0.12052, 0.14293, 0.15436, 0.03893]],
    ['mixed_returns', mixedReturns, 100, [100.0, 101.0, 111.1, 106.65599, 108.78912, 112.05279, 114.29384, 115.43678, 103.8931]],
    ['negative_returns', negativeReturns, 0, [0.0, -0.06, -0.1258, -0.13454, -0.21243, -0.22818, -0.27449, -0.33253, -0.3659]],
  ])('cum_returns(%s, starting_value=%d)', (_name, returns, start, expected) => {
    const got = cumReturns(returns, start);
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => expectAlmostEqual(got[i], e, 4));
  });

  it.each([
    ['empty_returns', emptyReturns, 0, NaN],
    ['one_return', oneReturn, 0, oneReturn[0]],
    ['mixed_returns', mixedReturns, 0, 0.03893],
    ['mixed_returns', mixedReturns, 100, 103.8931],
    ['negative_returns', negativeReturns, 0, -0.3659],
  ])('cum_returns_final(%s, starting_value=%d) = %d', (_name, returns, start, expected) => {
    expectAlmostEqual(cumReturnsFinal(returns, start), expected, 4);
  });

  it.each([
    ['empty_returns', emptyReturns, NaN],
    ['one_return', oneReturn, 0.0],
    ['simple_benchmark', simpleBenchmark, 0.0],
    ['mixed_returns', mixedReturns, -0.1],
    ['positive_returns', positiveReturns, -0.0],
    ['negative_returns', negativeReturns, compounded(negativeReturns)],
    ['all_negative_returns', allNegativeReturns, compounded(allNegativeReturns)],
    ['[10, -10, 10] %', pct([10, -10, 10]), -0.1],
  ])('max_drawdown(%s) = %d', (_name, returns, expected) => {
    expectAlmostEqual(maxDrawdown(returns), expected);
  });

  it.each([
    ['mixed_returns', mixedReturns, 'daily', 1.9135925373194231],
    ['weekly_returns', weeklyReturns, 'weekly', 0.24690830513998208],
    ['monthly_returns', monthlyReturns, 'monthly', 0.052242061386048144],
  ] as const)('annual_return(%s, %s) = %d', (_name, returns, period, expected) => {
    expectAlmostEqual(annualReturn(returns, { period }), expected);
  });

  it.each([
    ['flat_line_1_tz', flatLine1Tz, 'daily', 0.0],
    ['mixed_returns', mixedReturns, 'daily', 0.9136465399704637],
    ['weekly_returns', weeklyReturns, 'weekly', 0.38851569394870583],
    ['monthly_returns', monthlyReturns, 'monthly', 0.18663690238892558],
  ] as const)('annual_volatility(%s, %s) = %d', (_name, returns, period, expected) => {
    expectAlmostEqual(annualVolatility(returns, { period }), expected);
  });

  it.each([
    ['empty_returns', emptyReturns, 'daily', NaN],
    ['one_return', oneReturn, 'daily', NaN],
    ['mixed_returns', mixedReturns, 'daily', 19.135925373194233],
    ['weekly_returns', weeklyReturns, 'weekly', 2.4690830513998208],
    ['monthly_returns', monthlyReturns, 'monthly', 0.52242061386048144],
  ] as const)('calmar_ratio(%s, %s) = %d', (_name, returns, period, expected) => {
    expectAlmostEqual(calmarRatio(returns, { period }), expected);
  });

  it.each([
    ['empty_returns', emptyReturns, 0.0, NaN],
    ['one_return', oneReturn, 0.0, NaN],
    ['mixed_returns, risk_free=mixed_returns', mixedReturns, mixedReturns, NaN],
    ['mixed_returns', mixedReturns, 0.0, 1.7238613961706866],
    ['mixed_returns, risk_free=simple_benchmark', mixedReturns, simpleBenchmark, 0.34111411441060574],
    ['positive_returns', positiveReturns, 0.0, 52.915026221291804],
    ['negative_returns', negativeReturns, 0.0, -24.406808633910085],
    ['flat_line_1', flatLine1, 0.0, Infinity],
  ])('sharpe_ratio(%s) = %d', (_name, returns, riskFree, expected) => {
    expectAlmostEqual(sharpeRatio(returns, riskFree), expected);
  });

  it.each([
    ['empty_returns', emptyReturns, 0.0, 'daily', NaN],
    ['one_return', oneReturn, 0.0, 'daily', 0.0],
    ['mixed_returns, required=mixed_returns', mixedReturns, mixedReturns, 'daily', 0.0],
    ['mixed_returns', mixedReturns, 0.0, 'daily', 0.60448325038829653],
    ['mixed_returns, required=0.1', mixedReturns, 0.1, 'daily', 1.7161730681956295],
    ['weekly_returns', weeklyReturns, 0.0, 'weekly', 0.25888650451930134],
    ['weekly_returns, required=0.1', weeklyReturns, 0.1, 'weekly', 0.7733045971672482],
    ['monthly_returns', monthlyReturns, 0.0, 'monthly', 0.1243650540411842],
    ['monthly_returns, required=0.1', monthlyReturns, 0.1, 'monthly', 0.37148351242013422],
    ["df_simple['one']", dfOne, 0.0, 'daily', 0.20671788246185202],
    ["df_simple['two']", dfTwo, 0.0, 'daily', 0.083495680595704475],
    ["df_week['one']", dfOne, 0.0, 'weekly', 0.093902996054410062],
    ["df_week['two']", dfTwo, 0.0, 'weekly', 0.037928477556776516],
    ["df_month['one']", dfOne, 0.0, 'monthly', 0.045109540184877193],
    ["df_month['two']", dfTwo, 0.0, 'monthly', 0.018220251263412916],
  ] as const)('downside_risk(%s, %s, %s) = %d', (_name, returns, required, period, expected) => {
    expectAlmostEqual(downsideRisk(returns, required, { period }), expected);
  });

  it.each([
    ['empty_returns', emptyReturns, 0.0, 'daily', NaN],
    ['one_return', oneReturn, 0.0, 'daily', NaN],
    ['mixed_returns, required=mixed_returns', mixedReturns, mixedReturns, 'daily', NaN],
    ['mixed_returns', mixedReturns, 0.0, 'daily', 2.605531251673693],
    ['mixed_returns, required=flat_line_1', mixedReturns, flatLine1, 'daily', -1.3934779588919977],
    ['positive_returns', positiveReturns, 0.0, 'daily', Infinity],
    ['negative_returns', negativeReturns, 0.0, 'daily', -13.532743075043401],
    ['simple_benchmark', simpleBenchmark, 0.0, 'daily', Infinity],
    ['weekly_returns', weeklyReturns, 0.0, 'weekly', 1.1158901056866439],
    ['monthly_returns', monthlyReturns, 0.0, 'monthly', 0.53605626741889756],
    ["df_simple['one']", dfOne, 0.0, 'daily', 3.0639640966566306],
    ["df_simple['two']", dfTwo, 0.0, 'daily', 38.090963117002495],
    ["df_week['one']", dfOne, 0.0, 'weekly', 1.3918264112070571],
    ["df_week['two']", dfTwo, 0.0, 'weekly', 17.303077589064618],
    ["df_month['one']", dfOne, 0.0, 'monthly', 0.6686117809312383],
    ["df_month['two']", dfTwo, 0.0, 'monthly', 8.3121296084492844],
  ] as const)('sortino_ratio(%s, %s, %s) = %d', (_name, returns, required, period, expected) => {
    expectAlmostEqual(sortinoRatio(returns, required, { period }), expected);
  });

  it.each([
    ['empty_returns', emptyReturns, 'daily', NaN],
    ['one_return', oneReturn, 'daily', 11.274002099240244],
    ['mixed_returns', mixedReturns, 'daily', 1.9135925373194231],
    ['flat_line_1_tz', flatLine1Tz, 'daily', 11.274002099240256],
    ['[3, 3, 3] % yearly', pct([3, 3, 3]), 'yearly', 0.03],
  ] as const)('cagr(%s, %s) = %d', (_name, returns, period, expected) => {
    expectAlmostEqual(cagr(returns, { period }), expected);
  });
});

/** The definitions written out independently (plain loops, no call into the module under test). */
describe('return metrics: independent formulas', () => {
  const clean = (xs: number[]) => xs.filter((x) => !Number.isNaN(x));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sampleStd = (xs: number[]) => {
    const m = mean(xs);
    return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
  };

  it('annualization 365 (what the backtest passes) scales every annual figure by 365, NaN periods counted in the years', () => {
    const r = mixedReturns;
    const ok = clean(r);
    expectAlmostEqual(annualReturn(r, { annualization: 365 }), (1 + compounded(r)) ** (365 / r.length) - 1, 12);
    expectAlmostEqual(annualVolatility(r, { annualization: 365 }), sampleStd(ok) * Math.sqrt(365), 12);
    expectAlmostEqual(sharpeRatio(r, 0, { annualization: 365 }), (mean(ok) / sampleStd(ok)) * Math.sqrt(365), 12);
    const dd = Math.sqrt(mean(ok.map((x) => Math.min(x, 0) ** 2))) * Math.sqrt(365);
    expectAlmostEqual(downsideRisk(r, 0, { annualization: 365 }), dd, 12);
    expectAlmostEqual(sortinoRatio(r, 0, { annualization: 365 }), (mean(ok) * 365) / dd, 12);
    // the override wins over the period, as empyrical's annualization_factor
    expect(annualVolatility(r, { period: 'monthly', annualization: 365 })).toBe(annualVolatility(r, { annualization: 365 }));
  });

  it('max drawdown: the deepest fall from the running peak of the value curve that starts at 1', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -0.99, max: 2, noNaN: true }), fc.constant(NaN)), { minLength: 1, maxLength: 60 }), (r) => {
        const values = [1];
        for (const x of r) values.push(values[values.length - 1] * (Number.isNaN(x) ? 1 : 1 + x));
        let worst = 0;
        for (let j = 0; j < values.length; j++) for (let i = 0; i < j; i++) worst = Math.min(worst, values[j] / values[i] - 1);
        expect(Math.abs(maxDrawdown(r) - worst)).toBeLessThan(1e-9);
      }),
    );
  });

  it('properties from empyrical: translation and monotonicity', () => {
    // like empyrical's noise_uniform: returns spread over ±1 % (a near-constant series has no meaningful Sharpe to compare)
    const series = fc.array(fc.double({ min: -0.01, max: 0.01, noNaN: true }), { minLength: 20, maxLength: 200 });
    fc.assert(
      fc.property(series, fc.double({ min: 0.0001, max: 0.005, noNaN: true }), (r, c) => {
        fc.pre(sampleStd(r) > 1e-4);
        const up = r.map((x) => x + c);
        const down = r.map((x) => x - c);
        // test_max_drawdown_translation
        expect(maxDrawdown(down)).toBeLessThanOrEqual(maxDrawdown(r) + 1e-15);
        expect(maxDrawdown(r)).toBeLessThanOrEqual(maxDrawdown(up) + 1e-15);
        // test_sharpe_translation_same: the same shift of returns and risk-free leaves the Sharpe ratio alone
        const sr = sharpeRatio(r, 0.001);
        if (Number.isFinite(sr)) expect(Math.abs(sharpeRatio(up, 0.001 + c) - sr)).toBeLessThan(1e-6 * Math.max(1, Math.abs(sr)));
        // test_downside_risk_trans: downside risk grows with the required return
        expect(downsideRisk(r, -c)).toBeLessThanOrEqual(downsideRisk(r, 0));
        expect(downsideRisk(r, 0)).toBeLessThanOrEqual(downsideRisk(r, c));
        // test_sharpe_translation_1: a higher risk-free rate lowers the Sharpe ratio
        if (Number.isFinite(sr)) expect(sharpeRatio(r, 0.001 + c)).toBeLessThan(sr);
      }),
    );
  });
});

describe('return metrics: NaN and edge rules (empyrical 0.5.5 behaviour)', () => {
  const allNaN = [NaN, NaN, NaN];

  it('should give NaN on an empty series for every metric', () => {
    for (const f of [cumReturnsFinal, annualReturn, annualVolatility, sharpeRatio, sortinoRatio, downsideRisk, maxDrawdown, calmarRatio]) {
      expect(f(emptyReturns)).toBeNaN();
    }
  });

  it('should give NaN on an all-NaN series where empyrical does (moments), and its values where it does not (compounding)', () => {
    expect(annualVolatility(allNaN)).toBeNaN();
    expect(sharpeRatio(allNaN)).toBeNaN();
    expect(sortinoRatio(allNaN)).toBeNaN();
    expect(downsideRisk(allNaN)).toBeNaN();
    expect(calmarRatio(allNaN)).toBeNaN();
    // empyrical: nanprod of nothing is 1, so the total and annual return are 0 and the value curve never falls
    expect(cumReturnsFinal(allNaN)).toBe(0);
    expect(annualReturn(allNaN)).toBe(0);
    expect(maxDrawdown(allNaN)).toBe(0);
  });

  it('should count a NaN period in the length but not in the moments', () => {
    const withHole = [0.01, NaN, 0.02];
    expect(annualVolatility(withHole)).toBeCloseTo(Math.sqrt(0.00005) * Math.sqrt(252), 14);
    expect(annualReturn(withHole)).toBeCloseTo((1.01 * 1.02) ** (252 / 3) - 1, 8);
    // two periods, one of them missing: past empyrical's "< 2 periods" guard, then one value has no sample std
    expect(annualVolatility([0.01, NaN])).toBeNaN();
  });

  it('should refuse ±Infinity and misaligned risk-free series, naming them', () => {
    expect(() => sharpeRatio([0.01, Infinity])).toThrow(new QuantInputError('NON_FINITE', 'returns[1] is Infinity; use NaN for a missing value'));
    expect(() => sharpeRatio([0.01, 0.02], [0, 0, 0])).toThrow('returns has 2 values but riskFree has 3; they must be aligned');
    expect(() => sortinoRatio([0.01, 0.02], [0, -Infinity])).toThrow('requiredReturn[1] is -Infinity; use NaN for a missing value');
  });

  it('should refuse a bad period or annualization', () => {
    expect(annualizationFactor()).toBe(252);
    expect([annualizationFactor({ period: 'weekly' }), annualizationFactor({ period: 'monthly' }), annualizationFactor({ period: 'yearly' })]).toEqual([52, 12, 1]);
    expect(() => annualizationFactor({ annualization: 0 })).toThrow('annualization must be a finite number > 0 (periods per year), got 0');
    expect(() => annualizationFactor({ annualization: NaN })).toThrow('got NaN');
    expect(() => annualizationFactor({ period: 'hourly' as never })).toThrow('period must be one of daily, weekly, monthly, yearly, got "hourly"');
  });

  it('summarizeReturns should give every metric with one annualization', () => {
    const s = summarizeReturns(mixedReturns, { annualization: 365, riskFree: 0.0001 });
    expect(s).toEqual({
      periods: 9,
      missing: 1,
      annualization: 365,
      totalReturn: cumReturnsFinal(mixedReturns),
      annualReturn: annualReturn(mixedReturns, { annualization: 365 }),
      annualVolatility: annualVolatility(mixedReturns, { annualization: 365 }),
      sharpeRatio: sharpeRatio(mixedReturns, 0.0001, { annualization: 365 }),
      sortinoRatio: sortinoRatio(mixedReturns, 0, { annualization: 365 }),
      downsideRisk: downsideRisk(mixedReturns, 0, { annualization: 365 }),
      maxDrawdown: maxDrawdown(mixedReturns),
      calmarRatio: calmarRatio(mixedReturns, { annualization: 365 }),
    });
  });
});
