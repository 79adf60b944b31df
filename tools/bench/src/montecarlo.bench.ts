import { Xoshiro128, distributionOf, tradePaths } from '@polytrader/quant';
import { performance } from 'node:perf_hooks';

export interface MonteCarloBench {
  readonly paths: number;
  readonly trades: number;
  /** per round (ms): the reshuffle of `trades` trades for `paths` paths and its percentiles, as runMonteCarlo runs each method */
  readonly measured: number[];
  /** per round (ms): the bare loop — the same generator, the same draws and swaps, one running sum per path into a Float64Array */
  readonly floor: number[];
  readonly ratios: number[];
  readonly medianRatio: number;
}

/** keeps the results alive so the JIT cannot drop the work */
export let checksum = 0;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * What the Monte Carlo costs over the random draws it cannot avoid: `paths` × `trades` reshuffle paths (equity,
 * peak, drawdown, ruin, Sharpe sums per step; then percentiles of three quantities) against a bare loop over the
 * same typed array doing the same Fisher–Yates draws with one sum per path. Floor and real path alternate for
 * `rounds` rounds after a warm-up of both, so a noisy spell on the shared machine hits both; goal ≤ 3×.
 */
export function monteCarloBench(paths = 10_000, trades = 1000, rounds = 5): MonteCarloBench {
  // a record of `trades` PnLs in micro-USDC, ±20 USDC around a small edge, from a fixed seed
  const source = new Xoshiro128(2026);
  const pnl = Float64Array.from({ length: trades }, () => Math.round((source.nextDouble() * 40 - 19.5) * 1e6));
  const start = 10_000e6;

  const measured = () => {
    const t0 = performance.now();
    const set = tradePaths(pnl, start, paths, new Xoshiro128(7), 'reshuffle', 0.5, 365, 0);
    const d = [distributionOf(set.finalReturn), distributionOf(set.maxDrawdown), distributionOf(set.sharpe)];
    checksum += d[0].p50 + d[1].p5 + d[2].p95 + set.ruined;
    return performance.now() - t0;
  };
  const floor = () => {
    const t0 = performance.now();
    const g = new Xoshiro128(7);
    const work = Float64Array.from(pnl);
    const out = new Float64Array(paths);
    for (let s = 0; s < paths; s++) {
      let sum = 0;
      for (let i = trades - 1; i >= 0; i--) {
        const j = g.below(i + 1);
        const x = work[j];
        work[j] = work[i];
        work[i] = x;
        sum += x;
      }
      out[s] = sum;
    }
    checksum += out[paths >> 1];
    return performance.now() - t0;
  };

  // warm-up: both loops optimized before the clock counts
  const warm = Math.max(1, paths / 10);
  for (let i = 0; i < 3; i++) {
    tradePaths(pnl, start, warm, new Xoshiro128(i), 'reshuffle', 0.5, 365, 0);
  }
  floor();
  measured();

  const out = { measured: [] as number[], floor: [] as number[], ratios: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    const f = floor();
    const m = measured();
    out.floor.push(f);
    out.measured.push(m);
    out.ratios.push(m / f);
  }
  return { paths, trades, ...out, medianRatio: median(out.ratios) };
}
