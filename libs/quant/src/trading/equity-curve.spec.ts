import { drawdownSeries, pnlBuckets, utcBucketStart } from './equity-curve';

const H = 3_600_000;
const pts = (...equity: number[]) => equity.map((e, i) => ({ tsMs: i * H, equity: e }));

describe('drawdownSeries()', () => {
  it('should measure each point from the running peak and find the deepest trough and its recovery', () => {
    const { series, max } = drawdownSeries(pts(100, 110, 99, 105, 88, 112, 111));
    expect(series.map((p) => p.drawdown)).toEqual([0, 0, -11, -5, -22, 0, -1]);
    expect(series[4].peak).toBe(110);
    expect(series[4].drawdownPct).toBeCloseTo(-20, 9);
    expect(max).toEqual({ drawdown: -22, drawdownPct: expect.closeTo(-20, 9), peakMs: 1 * H, troughMs: 4 * H, recoveredMs: 5 * H });
  });

  it('should leave recoveredMs null while equity stays under the peak', () => {
    expect(drawdownSeries(pts(100, 90, 95)).max).toMatchObject({ drawdown: -10, peakMs: 0, troughMs: H, recoveredMs: null });
  });

  it('should report no drawdown on a rising curve and nothing on an empty one', () => {
    expect(drawdownSeries(pts(1, 2, 3)).max).toEqual({ drawdown: 0, drawdownPct: 0, peakMs: 0, troughMs: 0, recoveredMs: null });
    expect(drawdownSeries([])).toEqual({ series: [], max: null });
  });

  it('should take the deepest percentage even when it comes from a smaller peak', () => {
    // -10 from 20 is -50 %, -15 from 200 is -7.5 %: the USDC and percent maxima differ
    const { max } = drawdownSeries(pts(20, 10, 200, 185));
    expect(max).toMatchObject({ drawdown: -15, drawdownPct: -50, peakMs: 2 * H, troughMs: 3 * H });
  });
});

describe('pnlBuckets()', () => {
  const day = Date.UTC(2026, 11, 1);

  it('should sum changes per UTC day, in time order, chaining the equity', () => {
    const buckets = pnlBuckets([
      { tsMs: day + 30 * H, pnl: -5, fees: 0.5, count: 1 },
      { tsMs: day + 1 * H, pnl: 10, fees: 1, count: 1 },
      { tsMs: day + 23 * H + 59 * 60_000, pnl: 2, fees: 0, count: 2 },
    ], 1000, 'day');
    expect(buckets).toEqual([
      { startMs: day, pnl: 12, fees: 1, count: 3, startEquity: 1000, endEquity: 1012, returnPct: expect.closeTo(1.2, 9) },
      { startMs: day + 24 * H, pnl: -5, fees: 0.5, count: 1, startEquity: 1012, endEquity: 1007, returnPct: expect.closeTo(-5 / 10.12, 9) },
    ]);
  });

  it('should bucket by the UTC hour', () => {
    expect(utcBucketStart(day + 90 * 60_000, 'hour')).toBe(day + H);
    expect(utcBucketStart(day + 90 * 60_000, 'day')).toBe(day);
    expect(pnlBuckets([{ tsMs: day + 10, pnl: 1, fees: 0, count: 1 }, { tsMs: day + H, pnl: 1, fees: 0, count: 1 }], 0, 'hour').map((b) => [b.startMs, b.returnPct]))
      .toEqual([[day, 0], [day + H, 100]]); // from 0 no return; the second hour opens at 1
  });
});
