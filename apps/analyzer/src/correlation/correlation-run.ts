import { GrangerResult, QuantInputError, benjaminiHochberg, grangerLags, laggedCrossCorrelation } from '@polytrader/quant';
import type { AlignedSeries } from './align';

export type Direction = 'hype->price' | 'price->hype';

/** One lag of one direction: R's grangertest numbers plus the BH-adjusted p. */
export interface LagResult {
  readonly lag: number;
  readonly f: number;
  readonly df1: number;
  readonly df2: number;
  readonly p: number;
  readonly pAdjusted: number;
}

/** A tested market's outcome: both directions per lag, its strength and its rank. */
export interface MarketCorrelation {
  readonly marketId: string;
  readonly points: number;
  readonly hypeToPrice: readonly LagResult[];
  readonly priceToHype: readonly LagResult[];
  /** Smallest adjusted p of hype → price over the lags, its lag and F. */
  readonly hypeToPriceP: number;
  readonly hypeToPriceLag: number;
  readonly hypeToPriceF: number;
  /** Smallest adjusted p of price → hype over the lags. */
  readonly priceToHypeP: number;
  /** The lead correlation cor(x_{k−j}, y_k) largest in size over j = 1..hypeToPriceLag; 0 when undefined (docs/analysis.md). */
  readonly pearson: number;
  /** 1 = strongest hype → price evidence. */
  readonly rank: number;
}

/** A market left out of the run, and why. */
export interface SkippedMarket {
  readonly marketId: string;
  readonly points: number;
  readonly reason: string;
}

export interface CorrelationSettings {
  readonly maxLag: number;
  readonly minPoints: number;
}

export interface CorrelationOutcome {
  /** Ranked, rank 1 first. */
  readonly markets: MarketCorrelation[];
  readonly skipped: SkippedMarket[];
  /** Size of each BH family (tests per direction = tested markets × maxLag). */
  readonly family: number;
}

interface Tested {
  readonly marketId: string;
  readonly points: number;
  readonly hypeToPrice: readonly GrangerResult[];
  readonly priceToHype: readonly GrangerResult[];
  /** cor(x_{k−j}, y_k) for j = 1..maxLag */
  readonly leads: readonly number[];
}

/**
 * The correlation run over every market's aligned series:
 *  1. markets with fewer than `minPoints` aligned points are skipped, as are those the F test refuses
 *     (a constant series, too few usable rows after the lags, collinear regressors) or cannot finish (non-finite F);
 *  2. Granger tests for lags 1..maxLag in both directions: hype → price is grangerLags(cause = x, effect = y),
 *     price → hype is grangerLags(cause = y, effect = x);
 *  3. Benjamini–Hochberg over ONE family per direction: every lag of every tested market (markets × maxLag
 *     p-values), so picking the best lag of the best market afterwards stays within the FDR;
 *  4. strength = the smallest adjusted hype → price p over the lags; rank ascending by it, ties broken by the
 *     smallest raw p, then the larger F, then the market id.
 */
export function runCorrelation(series: ReadonlyMap<string, AlignedSeries>, settings: CorrelationSettings): CorrelationOutcome {
  const tested: Tested[] = [];
  const skipped: SkippedMarket[] = [];
  for (const [marketId, s] of [...series].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (s.points < settings.minPoints) {
      skipped.push({ marketId, points: s.points, reason: `${s.points} aligned points, fewer than min_points ${settings.minPoints}` });
      continue;
    }
    try {
      const hypeToPrice = grangerLags(s.cause, s.effect, settings.maxLag);
      const priceToHype = grangerLags(s.effect, s.cause, settings.maxLag);
      const bad = [...hypeToPrice, ...priceToHype].find((r) => !Number.isFinite(r.f) || !Number.isFinite(r.p));
      if (bad) {
        skipped.push({ marketId, points: s.points, reason: `an exact fit (F = ${bad.f}): the series are degenerate` });
        continue;
      }
      tested.push({ marketId, points: s.points, hypeToPrice, priceToHype, leads: leadCorrelations(s, settings.maxLag) });
    } catch (err) {
      if (!(err instanceof QuantInputError)) throw err;
      skipped.push({ marketId, points: s.points, reason: `${err.code}: ${err.message}` });
    }
  }
  const forward = adjust(tested.map((t) => t.hypeToPrice));
  const backward = adjust(tested.map((t) => t.priceToHype));
  const unranked = tested.map((t, i) => {
    const best = strongest(forward[i]);
    return {
      marketId: t.marketId, points: t.points, hypeToPrice: forward[i], priceToHype: backward[i],
      hypeToPriceP: best.pAdjusted, hypeToPriceLag: best.lag, hypeToPriceF: best.f, priceToHypeP: strongest(backward[i]).pAdjusted,
      pearson: strongestLead(t.leads, best.lag), rawP: best.p,
    };
  });
  unranked.sort((a, b) => a.hypeToPriceP - b.hypeToPriceP || a.rawP - b.rawP || b.hypeToPriceF - a.hypeToPriceF || (a.marketId < b.marketId ? -1 : 1));
  const markets = unranked.map(({ rawP: _raw, ...m }, i) => ({ ...m, rank: i + 1 }));
  return { markets, skipped, family: tested.length * settings.maxLag };
}

/** Adjusts all p-values of one direction as one family; returns them per market, per lag. */
function adjust(perMarket: readonly (readonly GrangerResult[])[]): LagResult[][] {
  const adjusted = benjaminiHochberg(perMarket.flatMap((lags) => lags.map((r) => r.p)));
  let at = 0;
  return perMarket.map((lags) => lags.map((r, j) => ({ lag: j + 1, f: r.f, df1: r.df1, df2: r.df2, p: r.p, pAdjusted: adjusted[at++] })));
}

/** The lag with the smallest adjusted p (then the smallest raw p, then the shorter lag). */
export function strongest(lags: readonly LagResult[]): LagResult {
  return lags.reduce((best, r) => (r.pAdjusted < best.pAdjusted || (r.pAdjusted === best.pAdjusted && r.p < best.p) ? r : best));
}

/** cor(cause[t − k], effect[t]) for k = 1..maxLag: does hype go with the price change k intervals later? */
function leadCorrelations(s: AlignedSeries, maxLag: number): number[] {
  return laggedCrossCorrelation(s.cause, s.effect, maxLag).filter((c) => c.lag >= 1).map((c) => c.r);
}

/**
 * The direction of the lead: of the correlations at leads 1..order (the Granger order that tested strongest),
 * the one largest in size — a market whose hype leads by 3 intervals shows it at k = 3, not at k = 1.
 * 0 when none is defined (constant over the pairs).
 */
export function strongestLead(leads: readonly number[], order: number): number {
  let best = 0;
  for (const r of leads.slice(0, order)) if (Number.isFinite(r) && Math.abs(r) > Math.abs(best)) best = r;
  return best;
}
