import { Rng } from '@polytrader/simulator';
import { grangerLags, pearson } from '@polytrader/quant';
import { performance } from 'node:perf_hooks';

export interface GrangerBenchResult {
  /** Wall time of markets × (orders 1..lags) Granger tests, after a short JIT warm-up. */
  seconds: number;
  testsPerSecond: number;
  /**
   * Baseline, same run, same series: markets × lags Pearson correlations of cause[t−k] with effect[t]
   * (k = 1..lags) — the cheapest screen that reads the same data once per test. The ratio seconds/baselineSeconds
   * is what the two regressions and the F distribution cost on top of touching the data.
   */
  baselineSeconds: number;
}

/** One market: an AR(1) hype series and a price change that follows hype two steps later in every other market. */
function market(i: number, points: number): { cause: Float64Array; effect: Float64Array } {
  const rand = new Rng(1000 + i);
  const u = () => rand.next();
  const noise = () => u() + u() + u() - 1.5;
  const cause = new Float64Array(points);
  const effect = new Float64Array(points);
  const lead = i % 2 === 0 ? 0.4 : 0;
  for (let t = 0; t < points; t++) {
    cause[t] = (t > 0 ? 0.6 * cause[t - 1] : 0) + noise();
    effect[t] = (t > 0 ? 0.2 * effect[t - 1] : 0) + (t > 1 ? lead * cause[t - 2] : 0) + noise();
  }
  return { cause, effect };
}

/**
 * `npm run bench`: Granger tests for `markets` markets × orders 1..`lags` × `points` points (goal < 1 s for
 * 1,000 × 5 × 500), with a Pearson baseline over the same series measured in the same run. Series are generated
 * before the clock starts.
 */
export async function grangerBench(markets = 1000, lags = 5, points = 500): Promise<GrangerBenchResult> {
  const data = Array.from({ length: markets }, (_, i) => market(i, points));
  let sink = 0;
  for (let i = 0; i < Math.min(20, markets); i++) sink += grangerLags(data[i].cause, data[i].effect, lags)[0].f; // warm-up

  const t0 = performance.now();
  for (const { cause, effect } of data) {
    for (const r of grangerLags(cause, effect, lags)) sink += r.p;
  }
  const seconds = (performance.now() - t0) / 1000;

  const b0 = performance.now();
  for (const { cause, effect } of data) {
    for (let k = 1; k <= lags; k++) sink += pearson(cause.subarray(0, points - k), effect.subarray(k));
  }
  const baselineSeconds = (performance.now() - b0) / 1000;

  if (Number.isNaN(sink)) throw new Error('granger bench produced NaN');
  return { seconds, testsPerSecond: (markets * lags) / seconds, baselineSeconds };
}
