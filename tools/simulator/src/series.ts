import { hash4, normal, Rng, uniform } from './random';

// Math's functions bound once: global lookups are slow inside Jest's VM context.
const { exp, log1p, max, min, sqrt } = Math;

/** Stream ids: every random draw is addressed by (seed, market index, interval k, channel). */
export const CH = {
  HYPE_X0: 101, HYPE_NOISE: 102, HYPE_BURST: 103, HYPE_BURST_AMP: 104, HYPE_COUNT: 105,
  PRICE_NOISE: 201, SPREAD: 301, LAST_TRADE: 302, BOOK: 303, LIQUIDITY: 304, VOLUME: 401, TWEET: 501, NEWS: 601,
} as const;

/** Latent hype: AR(1) on the log scale with occasional bursts. */
const HYPE_PHI = 0.6;
const HYPE_SIGMA = 0.35;
const BURST_PROB = 0.02;
/** Price: logit random walk with weak mean reversion towards the market's base level. */
const KAPPA = 0.02;
const LOGIT_LIMIT = 4.5; // keeps p inside (0.011, 0.989)
const Z_LIMIT = 4;

export interface SeriesParams {
  readonly seed: number;
  readonly index: number;
  /** first interval of the price series (= 1 - historyPoints) */
  readonly priceStart: number;
  /** mean mentions per interval at neutral hype */
  readonly lambda: number;
  /** base level of the Yes logit */
  readonly l0: number;
  /** std of the independent logit noise per interval */
  readonly noise: number;
  readonly led: boolean;
  readonly lag: number;
  readonly beta: number;
  /** USDC traded per mention */
  readonly volScale: number;
}

/**
 * One market's series on the simulator's grid (15 minutes by default), generated forward from its start and cached; the
 * arrays grow when a later interval is asked for, so the series extends as time passes.
 *   h[k]  mentions in interval k: Poisson(λ·exp(x[k])), x an AR(1) with bursts;
 *   L[k]  Yes logit: L[k] = L[k-1] − κ(L[k-1] − L0) + (led ? β·z(h[k-lag]) : 0) + σ·ε[k],
 *         z = (log1p(h) − μ)/sd with μ, sd taken over the initial history window, clipped to ±4.
 * Hype starts 7 days back (or at the price start if earlier) so X counts cover a full week.
 */
export class MarketSeries {
  readonly hypeStart: number;
  readonly priceStart: number;
  private readonly x: number[] = [];
  private readonly h: number[] = [];
  private readonly cumVol: number[] = []; // cumVol[j] = Σ volume of hype intervals < hypeStart + j
  private readonly logit: number[] = [];
  private mu = 0;
  private sd = 1;

  constructor(private readonly p: SeriesParams) {
    this.priceStart = p.priceStart;
    this.hypeStart = min(p.priceStart, -7 * 96 + 1);
    this.extendHype(0);
    const window: number[] = [];
    for (let k = this.priceStart; k <= 0; k++) window.push(log1p(this.h[k - this.hypeStart]));
    this.mu = window.reduce((s, v) => s + v, 0) / window.length;
    const variance = window.reduce((s, v) => s + (v - this.mu) ** 2, 0) / max(1, window.length - 1);
    this.sd = max(0.1, sqrt(variance));
    this.extendPrice(0);
  }

  /** Mentions in interval k (0 before the series starts). */
  hype(k: number): number {
    if (k < this.hypeStart) return 0;
    this.extendHype(k);
    return this.h[k - this.hypeStart];
  }

  /** Standardised hype used by led markets. */
  z(k: number): number {
    if (k < this.hypeStart) return 0;
    const z = (log1p(this.hype(k)) - this.mu) / this.sd;
    return max(-Z_LIMIT, min(Z_LIMIT, z));
  }

  /** Yes price at interval k (k before the start reads the first point). */
  yes(k: number): number {
    return 1 / (1 + exp(-this.logitAt(k)));
  }

  logitAt(k: number): number {
    const kk = max(k, this.priceStart);
    this.extendPrice(kk);
    return this.logit[kk - this.priceStart];
  }

  /** USDC volume traded in intervals (from, to] — prefix sums, O(1). */
  volumeBetween(from: number, to: number): number {
    const a = max(from + 1, this.hypeStart);
    if (to < a) return 0;
    this.extendHype(to);
    return this.cumVol[to + 1 - this.hypeStart] - this.cumVol[a - this.hypeStart];
  }

  private extendHype(k: number): void {
    const { seed, index, lambda, volScale } = this.p;
    if (this.cumVol.length === 0) this.cumVol.push(0);
    for (let kk = this.hypeStart + this.h.length; kk <= k; kk++) {
      let x: number;
      if (this.x.length === 0) x = normal(seed, index, kk, CH.HYPE_X0) * HYPE_SIGMA / sqrt(1 - HYPE_PHI * HYPE_PHI);
      else x = HYPE_PHI * this.x[this.x.length - 1] + HYPE_SIGMA * normal(seed, index, kk, CH.HYPE_NOISE);
      if (uniform(seed, index, kk, CH.HYPE_BURST) < BURST_PROB) x += 1 + uniform(seed, index, kk, CH.HYPE_BURST_AMP);
      this.x.push(x);
      const count = new Rng(hash4(seed, index, kk, CH.HYPE_COUNT)).poisson(lambda * exp(x));
      this.h.push(count);
      const vol = volScale * (count + 1) * (0.6 + 0.8 * uniform(seed, index, kk, CH.VOLUME));
      this.cumVol.push(this.cumVol[this.cumVol.length - 1] + vol);
    }
  }

  private extendPrice(k: number): void {
    const { seed, index, l0, noise, led, lag, beta } = this.p;
    for (let kk = this.priceStart + this.logit.length; kk <= k; kk++) {
      if (this.logit.length === 0) {
        this.logit.push(l0);
        continue;
      }
      const prev = this.logit[this.logit.length - 1];
      let next = prev - KAPPA * (prev - l0) + noise * normal(seed, index, kk, CH.PRICE_NOISE);
      if (led) next += beta * this.z(kk - lag);
      this.logit.push(max(-LOGIT_LIMIT, min(LOGIT_LIMIT, next)));
    }
  }
}
