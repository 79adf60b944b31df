import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { maxDrawdown, sharpeRatio } from '../performance/return-metrics';
import { QuantInputError } from '../stats/errors';
import { drawdownSeries } from '../trading/equity-curve';
import { Distribution } from './distribution';
import { ClosedTrade, PriceSeries, dailyReturnsOf } from './inputs';
import { MonteCarloReport, runMonteCarlo } from './monte-carlo';
import { blockBootstrapPaths, tradePaths } from './paths';
import { Xoshiro128 } from './prng';

interface Fixture {
  startEquity: number;
  trades: ClosedTrade[];
  prices: Record<string, { tsMs: number[]; price: number[] }>;
}

const FIXTURES = join(__dirname, 'fixtures');
const fixture = JSON.parse(readFileSync(join(FIXTURES, 'trades-small.json'), 'utf8')) as Fixture;
const prices = new Map<string, PriceSeries>(Object.entries(fixture.prices));
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

/** Trades one day apart, each held 6 h, from PnL values. */
const tradesOf = (pnls: readonly number[], stake = 50): ClosedTrade[] =>
  pnls.map((pnl, i) => ({ entryMs: T0 + i * DAY, exitMs: T0 + i * DAY + 6 * 3_600_000, pnl, stake }));

const distributions = (r: MonteCarloReport): Distribution[] => [
  r.reshuffle.finalReturn, r.reshuffle.maxDrawdown, r.reshuffle.sharpe,
  r.bootstrap.finalReturn, r.bootstrap.maxDrawdown, r.bootstrap.sharpe,
  ...(r.blockBootstrap ? [r.blockBootstrap.finalReturn, r.blockBootstrap.maxDrawdown, r.blockBootstrap.sharpe] : []),
  ...(r.randomEntry ? [r.randomEntry.nullSharpe] : []),
];

/** Closed trades as fast-check draws them: 2..40 trades over ~60 days, PnL within ±40 USDC on stakes of 1..100. */
const tradeRecord = fc.array(
  fc.record({
    entryDay: fc.integer({ min: 0, max: 60 }),
    entryMinute: fc.integer({ min: 0, max: 1439 }),
    holdMinutes: fc.integer({ min: 1, max: 5 * 1440 }),
    pnl: fc.double({ min: -40, max: 40, noNaN: true }),
    stake: fc.double({ min: 1, max: 100, noNaN: true }),
  }).map((t): ClosedTrade => {
    const entryMs = T0 + t.entryDay * DAY + t.entryMinute * 60_000;
    return { entryMs, exitMs: entryMs + t.holdMinutes * 60_000, pnl: t.pnl, stake: t.stake };
  }),
  { minLength: 2, maxLength: 40 },
);

describe('runMonteCarlo() golden values (fixtures/trades-small.json, seed 42, 1,000 simulations)', () => {
  const report = runMonteCarlo(fixture.trades, { startEquity: fixture.startEquity, seed: 42, sims: 1000, prices });

  it('should reproduce the committed report exactly, every number to the last bit', () => {
    // fixtures/golden-seed42.json was written by this code once; JSON keeps doubles exactly
    const golden = JSON.parse(readFileSync(join(FIXTURES, 'golden-seed42.json'), 'utf8')) as MonteCarloReport;
    expect(JSON.parse(JSON.stringify(report))).toEqual(golden);
  });

  it('should give the figures quoted in docs/validation.md', () => {
    expect(report.observed.trades.finalReturn).toBe(0.01447231);
    expect(report.reshuffle.maxDrawdown.p5).toBe(-0.00382224235490753);
    expect(report.reshuffle.maxDrawdown.p50).toBe(-0.002219923577819375);
    expect(report.bootstrap.finalReturn.p5).toBe(0.0024348433000000004);
    expect(report.bootstrap.finalReturn.p95).toBe(0.026744401449999997);
    expect(report.blockBootstrap?.sharpe.p50).toBe(11.102855693218942);
    expect(report.blockBootstrap?.meanBlockLength).toBe(Math.cbrt(11));
    expect(report.randomEntry?.strategySharpe).toBe(0.37347819252302256);
    expect(report.randomEntry?.pValue).toBe(200 / 1001);
    expect(report.reshuffle.probabilityOfRuin).toBe(0);
  });

  it('should compute the observed path as the shared performance and equity-curve functions do', () => {
    const ordered = [...fixture.trades].sort((a, b) => a.exitMs - b.exitMs);
    const daily = dailyReturnsOf(ordered, fixture.startEquity);
    expect(report.observed.daily?.sharpe).toBeCloseTo(sharpeRatio(daily, 0, { annualization: 365 }), 10);
    expect(report.observed.daily?.maxDrawdown).toBeCloseTo(maxDrawdown(daily), 12);
    let equity = fixture.startEquity;
    const returns: number[] = [];
    const points = [{ tsMs: 0, equity }];
    for (const t of ordered) {
      returns.push(t.pnl / equity);
      equity += t.pnl;
      points.push({ tsMs: t.exitMs, equity });
    }
    expect(report.observed.trades.maxDrawdown).toBeCloseTo((drawdownSeries(points).max?.drawdownPct ?? NaN) / 100, 12);
    expect(report.observed.trades.sharpe).toBeCloseTo(sharpeRatio(returns, 0, { annualization: report.tradesPerYear }), 10);
    expect(report.observed.trades.finalReturn).toBeCloseTo(equity / fixture.startEquity - 1, 12);
  });
});

describe('runMonteCarlo() properties', () => {
  it('should order every distribution\'s percentiles and intervals', () => {
    fc.assert(fc.property(tradeRecord, fc.nat({ max: 0xffffffff }), (trades, seed) => {
      const r = runMonteCarlo(trades, { startEquity: 1000, seed, sims: 60 });
      for (const d of distributions(r)) {
        const row = [d.ci95[0], d.ci90[0], d.p5, d.p25, d.p50, d.p75, d.p95, d.ci90[1], d.ci95[1]];
        for (let i = 1; i < row.length; i++) expect(row[i]).toBeGreaterThanOrEqual(row[i - 1]);
        expect(d.ci90).toEqual([d.p5, d.p95]);
      }
      expect(r.reshuffle.probabilityOfRuin).toBeGreaterThanOrEqual(0);
      expect(r.bootstrap.probabilityOfRuin).toBeLessThanOrEqual(1);
    }), { numRuns: 60 });
  });

  it('should keep the final return of the record exactly on every reshuffled path (integer micro-USDC sums)', () => {
    fc.assert(fc.property(tradeRecord, fc.nat({ max: 0xffffffff }), (trades, seed) => {
      const r = runMonteCarlo(trades, { startEquity: 1000, seed, sims: 50 });
      const final = r.observed.trades.finalReturn;
      for (const v of [r.reshuffle.finalReturn.p5, r.reshuffle.finalReturn.p50, r.reshuffle.finalReturn.p95, ...r.reshuffle.finalReturn.ci95]) expect(v).toBe(final);
      // and the paths themselves, not only their percentiles
      const pnl = Float64Array.from(trades, (t) => Math.round(t.pnl * 1e6));
      const paths = tradePaths(pnl, 1000e6, 50, new Xoshiro128(seed), 'reshuffle', 0.5, 365, 0);
      for (const v of paths.finalReturn) expect(v).toBe(final);
    }), { numRuns: 60 });
  });

  it('should give the same report for the same seed and a different one for another seed', () => {
    fc.assert(fc.property(tradeRecord, fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), (trades, seed, other) => {
      fc.pre(seed !== other && new Set(trades.map((t) => Math.round(t.pnl * 1e6))).size >= 3);
      const a = runMonteCarlo(trades, { startEquity: 1000, seed, sims: 100 });
      expect(runMonteCarlo(trades, { startEquity: 1000, seed, sims: 100 })).toEqual(a);
      expect(runMonteCarlo(trades, { startEquity: 1000, seed: other, sims: 100 })).not.toEqual(a);
      const pnl = Float64Array.from(trades, (t) => Math.round(t.pnl * 1e6));
      const paths = (s: number) => tradePaths(pnl, 1000e6, 100, new Xoshiro128(s), 'bootstrap', 0.5, 365, 0).finalReturn;
      expect(paths(seed)).not.toEqual(paths(other));
    }), { numRuns: 40 });
  });
});

describe('the methods', () => {
  it('should put the reshuffle\'s ruin risk at the share of orders that fall below the floor', () => {
    // from 1000: −600 first dips to 400 (< 500, ruined); +700 first never goes below 1100 — half the orders each
    const r = runMonteCarlo(tradesOf([-600, 700]), { startEquity: 1000, seed: 1, sims: 10_000, ruinFloor: 0.5 });
    expect(Math.abs(r.reshuffle.probabilityOfRuin - 0.5)).toBeLessThan(0.03);
    // drawn with replacement: (−,−) and (−,+) are ruined, (+,·) are not
    expect(Math.abs(r.bootstrap.probabilityOfRuin - 0.5)).toBeLessThan(0.03);
    expect(r.reshuffle.maxDrawdown.p5).toBeCloseTo(-0.6, 12);
    expect(r.reshuffle.maxDrawdown.p95).toBeCloseTo(-600 / 1700, 12);
    const floorAt30 = runMonteCarlo(tradesOf([-600, 700]), { startEquity: 1000, seed: 1, sims: 1000, ruinFloor: 0.3 });
    expect(floorAt30.reshuffle.probabilityOfRuin).toBe(0);
  });

  it('should draw the bootstrap\'s trades with replacement: its mean final return is the record\'s', () => {
    const pnls = [12, -7, 3.5, -2, 9, -11, 4, 0.25];
    const pnl = Float64Array.from(pnls, (p) => p * 1e6);
    const sims = 20_000;
    const paths = tradePaths(pnl, 1000e6, sims, new Xoshiro128(3), 'bootstrap', 0.5, 365, 0);
    const mean = paths.finalReturn.reduce((a, v) => a + v, 0) / sims;
    const expected = pnls.reduce((a, v) => a + v, 0) / 1000;
    // sd of one path's final return = √n · sd(pnl) / 1000 ≈ 0.02; of the mean over 20,000 paths ≈ 1.5e-4
    expect(Math.abs(mean - expected)).toBeLessThan(6e-4);
    // some path repeats a trade: not every final return is the record's
    expect(new Set(paths.finalReturn).size).toBeGreaterThan(100);
  });

  it('should make each stationary-bootstrap path a rotation of the days when blocks never break, and resample days when every day starts one', () => {
    const days = Float64Array.from([0.01, -0.02, 0.015, 0.003, -0.007, 0.02, -0.001]);
    const product = days.reduce((a, r) => a * (1 + r), 1) - 1;
    const rotations = blockBootstrapPaths(days, 200, new Xoshiro128(5), 1e12, 0.5, 365, 0);
    for (const v of rotations.finalReturn) expect(v).toBeCloseTo(product, 14);
    const iid = blockBootstrapPaths(days, 200, new Xoshiro128(5), 1, 0.5, 365, 0);
    expect(new Set(iid.finalReturn.map((v) => Math.round(v * 1e12))).size).toBeGreaterThan(100);
  });

  it('should start a new block before a day with probability 1 / mean block length (geometric blocks)', () => {
    // days 0..n−1 as returns tagged by index: a block break is where a day is not the previous + 1 (mod n)
    const n = 1000;
    const tagged = Float64Array.from({ length: n }, (_, i) => i * 1e-6);
    const g = new Xoshiro128(11);
    let breaks = 0;
    let steps = 0;
    // replay the loop's draws: the path itself is not exposed, so rebuild it from the same generator
    for (let s = 0; s < 50; s++) {
      let at = g.below(n);
      for (let d = 1; d < n; d++) {
        if (g.nextDouble() < 1 / 8) { at = g.below(n); breaks++; } else if (++at === n) at = 0;
        steps++;
      }
    }
    // and check that the library consumed the generator in the same way: same final returns as this replay
    const replay = new Xoshiro128(11);
    const lib = blockBootstrapPaths(tagged, 50, new Xoshiro128(11), 8, 0.5, 365, 0);
    for (let s = 0; s < 50; s++) {
      let at = replay.below(n);
      let equity = 1 + tagged[at];
      for (let d = 1; d < n; d++) {
        if (replay.nextDouble() < 1 / 8) at = replay.below(n);
        else if (++at === n) at = 0;
        equity *= 1 + tagged[at];
      }
      expect(lib.finalReturn[s]).toBe(equity - 1);
    }
    expect(Math.abs(breaks / steps - 1 / 8)).toBeLessThan(0.01);
  });

  it('should find a strategy that buys every trough and sells every peak better than random entries, and one that does the opposite worse', () => {
    // a token oscillating 0.3 → 0.7 → 0.3 every 10 h, hourly
    const tsMs: number[] = [];
    const price: number[] = [];
    for (let h = 0; h <= 400; h++) {
      tsMs.push(T0 + h * 3_600_000);
      price.push(0.5 + 0.2 * Math.sin((h / 10) * 2 * Math.PI - Math.PI / 2));
    }
    const series = new Map<string, PriceSeries>([['tok', { tsMs, price }]]);
    const trades = (side: 'BUY' | 'SELL'): ClosedTrade[] => Array.from({ length: 20 }, (_, i) => {
      const entryH = i * 20; // a trough (price 0.3) each time
      const gross = side === 'BUY' ? 0.4 : -0.4; // per share, held 5 h to the peak
      return { entryMs: tsMs[entryH], exitMs: tsMs[entryH + 5], pnl: 100 * gross + (i % 2) * 0.5, stake: side === 'BUY' ? 30 : 70, market: 'tok', side };
    });
    const good = runMonteCarlo(trades('BUY'), { startEquity: 1000, seed: 9, sims: 999, prices: series });
    expect(good.randomEntry?.pValue).toBe(1 / 1000);
    const bad = runMonteCarlo(trades('SELL'), { startEquity: 1000, seed: 9, sims: 999, prices: series });
    expect(bad.randomEntry?.pValue).toBeGreaterThan(0.99);
    expect(runMonteCarlo(trades('BUY'), { startEquity: 1000, seed: 9, sims: 50 }).randomEntry).toBeNull();
  });

  it('should book each trade on its exit\'s UTC day and give the days in between a 0 return', () => {
    const trades: ClosedTrade[] = [
      { entryMs: T0, exitMs: T0 + 3_600_000, pnl: 10, stake: 20 },
      { entryMs: T0, exitMs: T0 + 2 * 3_600_000, pnl: -5, stake: 20 },
      { entryMs: T0 + DAY, exitMs: T0 + 3 * DAY + 60_000, pnl: 20.1, stake: 20 },
    ];
    expect([...dailyReturnsOf(trades, 1000)]).toEqual([5 / 1000, 0, 0, 20.1 / 1005]);
  });
});

describe('runMonteCarlo() refuses bad input, naming the field and the value', () => {
  const two = tradesOf([5, -3]);
  const cases: [string, () => unknown, QuantInputError][] = [
    ['one trade', () => runMonteCarlo(tradesOf([5]), { startEquity: 1000, seed: 1 }),
      new QuantInputError('TOO_FEW_OBSERVATIONS', 'trades: the Monte Carlo needs at least 2 closed trades, got 1')],
    ['exit not after entry', () => runMonteCarlo([two[0], { ...two[1], exitMs: two[1].entryMs }], { startEquity: 1000, seed: 1 }),
      new QuantInputError('BAD_ORDER', 'trades[1]: exit 2026-01-02T00:00:00.000Z is not after entry 2026-01-02T00:00:00.000Z')],
    ['a NaN PnL', () => runMonteCarlo([two[0], { ...two[1], pnl: NaN }], { startEquity: 1000, seed: 1 }),
      new QuantInputError('NON_FINITE', 'trades[1].pnl: expected a finite number, got NaN')],
    ['a zero stake', () => runMonteCarlo([{ ...two[0], stake: 0 }, two[1]], { startEquity: 1000, seed: 1 }),
      new QuantInputError('BAD_PARAMETER', 'trades[0].stake: expected a positive amount (USDC at risk), got 0')],
    ['no starting equity', () => runMonteCarlo(two, { startEquity: 0, seed: 1 }),
      new QuantInputError('BAD_PARAMETER', 'startEquity: expected a positive amount (USDC), got 0')],
    ['0 simulations', () => runMonteCarlo(two, { startEquity: 1000, seed: 1, sims: 0 }),
      new QuantInputError('BAD_PARAMETER', 'sims: expected a whole number in 1..10000000, got 0')],
    ['a floor of 100 %', () => runMonteCarlo(two, { startEquity: 1000, seed: 1, ruinFloor: 1 }),
      new QuantInputError('BAD_PARAMETER', 'ruinFloor: expected a fraction of the starting equity in [0, 1), got 1')],
    ['a negative seed', () => runMonteCarlo(two, { startEquity: 1000, seed: -3 }),
      new QuantInputError('BAD_PARAMETER', 'seed: expected a whole number in 0..4294967295, got -3')],
    ['a block length under a day', () => runMonteCarlo(two, { startEquity: 1000, seed: 1, meanBlockLength: 0.5 }),
      new QuantInputError('BAD_PARAMETER', 'meanBlockLength: expected a number of days ≥ 1, got 0.5')],
    ['a trade without a series', () => runMonteCarlo(two.map((t) => ({ ...t, market: 'tok', side: 'BUY' as const })), { startEquity: 1000, seed: 1, prices: new Map() }),
      new QuantInputError('BAD_PARAMETER', 'prices: no price series for market "tok" (traded by trades[0])')],
    ['a trade without a side', () => runMonteCarlo(two.map((t) => ({ ...t, market: 'tok' })), {
      startEquity: 1000, seed: 1, prices: new Map([['tok', { tsMs: [T0, T0 + 10 * DAY], price: [0.4, 0.5] }]]),
    }), new QuantInputError('BAD_PARAMETER', 'trades[0].side: expected BUY or SELL for the random-entry null, got undefined')],
    ['a series shorter than a holding time', () => runMonteCarlo(two.map((t) => ({ ...t, market: 'tok', side: 'BUY' as const })), {
      startEquity: 1000, seed: 1, prices: new Map([['tok', { tsMs: [T0, T0 + 3_600_000], price: [0.4, 0.5] }]]),
    }), new QuantInputError('BAD_PARAMETER', 'prices: the series of "tok" spans 1 h, shorter than trades[0]\'s holding time of 6 h')],
  ];
  it.each(cases)('%s', (_, call, error) => {
    expect(call).toThrow(error);
    try {
      call();
    } catch (err) {
      expect((err as QuantInputError).code).toBe(error.code);
    }
  });
});
