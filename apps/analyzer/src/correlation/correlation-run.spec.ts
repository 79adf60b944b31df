import { Rng } from '@polytrader/simulator';
import { benjaminiHochberg } from '@polytrader/quant';
import type { AlignedSeries } from './align';
import { runCorrelation, strongestLead } from './correlation-run';

/** x = AR(1) log-mentions; y_k = beta·x_{k−lag} + noise (beta 0: unled). */
function market(seed: number, n: number, lag: number, beta: number, reverse = false): AlignedSeries {
  const rand = new Rng(seed);
  const z = () => Math.sqrt(-2 * Math.log(1 - rand.next())) * Math.cos(2 * Math.PI * rand.next()); // Box–Muller on the seeded stream
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) x[k] = 2 + (k ? 0.6 * (x[k - 1] - 2) : 0) + 0.4 * z();
  for (let k = 0; k < n; k++) y[k] = (k >= lag ? beta * (x[k - lag] - 2) : 0) + 0.1 * z();
  y[0] = Number.NaN;
  // reverse: hype follows the price instead
  return reverse ? { cause: y.map((v, k) => (k ? 2 + v * 4 : Number.NaN)), effect: x.map((v) => v - 2), points: n - 1 } : { cause: x, effect: y, points: n - 1 };
}

describe('runCorrelation', () => {
  const settings = { maxLag: 5, minPoints: 50 };

  it('should rank hype-led markets above the others, at their true lag, with hype → price only', () => {
    const series = new Map<string, AlignedSeries>();
    for (let i = 0; i < 6; i++) series.set(`led${i}`, market(i + 1, 400, 1 + (i % 3), 0.15));
    for (let i = 0; i < 14; i++) series.set(`noise${i}`, market(100 + i, 400, 1, 0));
    const out = runCorrelation(series, settings);
    expect(out.skipped).toEqual([]);
    expect(out.family).toBe(20 * 5);
    expect(out.markets.map((m) => m.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const top = out.markets.slice(0, 6);
    expect(top.map((m) => m.marketId).sort()).toEqual(['led0', 'led1', 'led2', 'led3', 'led4', 'led5']);
    for (const m of top) {
      expect(m.hypeToPriceP).toBeLessThan(1e-6);
      expect(m.hypeToPriceLag).toBe(1 + (Number(m.marketId.slice(3)) % 3));
      expect(m.priceToHypeP).toBeGreaterThan(0.01);
    }
    // the led lag-1 markets move with the previous interval's hype: positive next-change correlation
    expect(out.markets.find((m) => m.marketId === 'led0')!.pearson).toBeGreaterThan(0.3);
    const noise = out.markets.slice(6);
    expect(Math.min(...noise.map((m) => m.hypeToPriceP))).toBeGreaterThan(0.05);
  });

  it('should adjust each direction as one family of every market × lag', () => {
    const series = new Map<string, AlignedSeries>([['a', market(1, 200, 2, 0.1)], ['b', market(2, 200, 1, 0)], ['c', market(3, 200, 1, 0)]]);
    const out = runCorrelation(series, { maxLag: 3, minPoints: 50 });
    const byId = [...out.markets].sort((x, y) => x.marketId.localeCompare(y.marketId));
    const raw = byId.flatMap((m) => m.hypeToPrice.map((l) => l.p));
    const adjusted = byId.flatMap((m) => m.hypeToPrice.map((l) => l.pAdjusted));
    expect(adjusted).toEqual(benjaminiHochberg(raw));
    expect(byId.flatMap((m) => m.priceToHype.map((l) => l.pAdjusted))).toEqual(benjaminiHochberg(byId.flatMap((m) => m.priceToHype.map((l) => l.p))));
    for (const m of byId) expect(m.hypeToPriceP).toBe(Math.min(...m.hypeToPrice.map((l) => l.pAdjusted)));
  });

  it('should see the other direction when the price leads the hype', () => {
    const out = runCorrelation(new Map([['rev', market(7, 400, 1, 0.15, true)], ['n', market(8, 400, 1, 0)]]), settings);
    const rev = out.markets.find((m) => m.marketId === 'rev')!;
    expect(rev.priceToHypeP).toBeLessThan(1e-6);
    expect(rev.hypeToPriceP).toBeGreaterThan(0.01);
  });

  it('should skip markets with too few points or a constant series, saying why', () => {
    const flat: AlignedSeries = { cause: new Float64Array(100).fill(1), effect: market(3, 100, 1, 0).effect, points: 99 };
    const out = runCorrelation(new Map([['short', market(1, 40, 1, 0.1)], ['flat', flat], ['ok', market(2, 100, 1, 0.1)]]), settings);
    expect(out.markets.map((m) => m.marketId)).toEqual(['ok']);
    expect(out.skipped).toEqual([
      { marketId: 'flat', points: 99, reason: expect.stringMatching(/^CONSTANT_SERIES: cause is constant/) },
      { marketId: 'short', points: 39, reason: '39 aligned points, fewer than min_points 50' },
    ]);
    expect(out.family).toBe(5);
    expect(runCorrelation(new Map(), settings)).toEqual({ markets: [], skipped: [], family: 0 });
  });
});

describe('strongestLead()', () => {
  it('should take the correlation largest in size among leads 1..order, keeping its sign', () => {
    expect(strongestLead([0.02, -0.31, 0.4], 2)).toBe(-0.31);
    expect(strongestLead([0.02, -0.31, 0.4], 3)).toBe(0.4);
    expect(strongestLead([NaN, 0.1], 2)).toBe(0.1);
    expect(strongestLead([NaN], 1)).toBe(0);
  });
});
