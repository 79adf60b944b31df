import type { BookSummaryRecord, HypeScoreVersion, MarketAnalysisRecord, MarketVersion, Observations, SnapshotRecord } from '@polytrader/persistence';
import { Xoshiro128 } from '@polytrader/quant';

export interface SyntheticObservationOptions {
  readonly markets: number;
  /** collection cycles (one per interval) */
  readonly cycles: number;
  /** time of the first cycle's interval (ms, on the grid) */
  readonly startMs: number;
  readonly intervalMinutes?: number;
  readonly seed?: number;
  /** per market and cycle, the chance that a hype burst starts (two intervals at 2.5 against 0.1) */
  readonly burstChance?: number;
  /** markets m0…m(n−1) close and settle Yes at 1 at this share of the cycles (default none) */
  readonly settleMarkets?: number;
}

const H = 3_600_000;

/**
 * A deterministic market history in the shape the database stores it, for backtest tests and the bench:
 * binary markets whose Yes price walks, with hype bursts that the price follows a few intervals later (so
 * some entries win and some lose), rolling volume that jumps with a burst, two-sided books every cycle,
 * hype values observed one minute after their interval ends, a daily analysis that makes every market
 * eligible, and optionally a few markets that close and settle.
 */
export function syntheticObservations(o: SyntheticObservationOptions): Observations {
  const minutes = o.intervalMinutes ?? 15;
  const intervalMs = minutes * 60_000;
  const rng = new Xoshiro128(o.seed ?? 7);
  const k0 = Math.floor(o.startMs / intervalMs);
  const iso = (ms: number) => new Date(ms).toISOString();
  const settleAt = Math.floor(o.cycles * 0.8);
  const markets: MarketVersion[] = [];
  const snapshots: SnapshotRecord[] = [];
  const books: BookSummaryRecord[] = [];
  const hype: HypeScoreVersion[] = [];
  const analyses: MarketAnalysisRecord[] = [];
  const category = (i: number) => ['politics', 'crypto', 'sports'][i % 3];
  const version = (i: number, atMs: number, closed: boolean): MarketVersion => ({
    marketId: `m${i}`, observedAt: iso(atMs), question: `Will synthetic thing ${i} happen?`, category: category(i), tags: [category(i)],
    endDate: iso(o.startMs + 60 * 86_400_000), active: !closed, closed, outcomes: ['Yes', 'No'], tokenIds: [`m${i}-yes`, `m${i}-no`],
  });
  for (let i = 0; i < o.markets; i++) markets.push(version(i, o.startMs - 7 * 86_400_000, false));

  for (let i = 0; i < o.markets; i++) {
    let yes = 0.35 + 0.3 * rng.nextDouble();
    let burstLeft = 0;
    let pushLeft = 0;
    let drift = 0;
    for (let c = 0; c < o.cycles; c++) {
      const k = k0 + c;
      const settled = i < (o.settleMarkets ?? 0) && c >= settleAt;
      if (burstLeft === 0 && pushLeft === 0 && rng.nextDouble() < (o.burstChance ?? 0.02)) {
        burstLeft = 2;
        pushLeft = 6;
        drift = (rng.nextDouble() < 0.65 ? 1 : -1) * 0.012; // hype leads the price, more often up than down
      }
      if (pushLeft > 0 && burstLeft === 0) {
        yes += drift;
        pushLeft--;
      }
      yes = Math.min(0.95, Math.max(0.05, yes + (rng.nextDouble() - 0.5) * 0.004));
      const price = settled ? 1 : Math.round(yes * 1000) / 1000;
      const ts = iso(k * intervalMs + 2_000);
      const cycleId = `cycle-${k}`;
      const bursting = burstLeft > 0;
      snapshots.push({ marketId: `m${i}`, cycleId, ts, outcomePrices: [price, Math.round((1 - price) * 1000) / 1000], volume24h: 9600 + (bursting ? 150 : 0), liquidity: 20_000 });
      if (!settled) {
        for (const [t, tokenId] of [`m${i}-yes`, `m${i}-no`].entries()) {
          const mid = t === 0 ? price : 1 - price;
          books.push({
            marketId: `m${i}`, tokenId, cycleId, ts, bestBid: mid - 0.01, bestAsk: mid + 0.01, mid, spread: 0.02, bidDepth: 3000, askDepth: 3000,
            bids: [[round(mid - 0.01), 1000], [round(mid - 0.02), 2000]], asks: [[round(mid + 0.01), 1000], [round(mid + 0.02), 2000]],
          });
        }
      }
      const score = bursting ? 2.5 : 0.1;
      hype.push({
        marketId: `m${i}`, intervalStart: iso((k - 1) * intervalMs), observedAt: iso(k * intervalMs + 60_000), mentions: bursting ? 40 : 10,
        mentionsZ: score, velocity: 0, sentiment: 0, hypeScore: score,
      });
      if (burstLeft > 0) burstLeft--;
      if (settled && c === settleAt) markets.push(version(i, k * intervalMs + 2_000, true));
    }
  }
  const days = Math.ceil((o.cycles * intervalMs) / 86_400_000) + 1;
  for (let d = -1; d < days; d++) {
    const ts = iso(Math.floor(o.startMs / 86_400_000) * 86_400_000 + d * 86_400_000 + 3 * H);
    for (let i = 0; i < o.markets; i++) {
      analyses.push({
        runId: ts, marketId: `m${i}`, ts, points: 96, hypeToPriceP: 0.001, hypeToPriceLag: 1, hypeToPriceF: 20, priceToHypeP: 0.5, pearson: 0.3, rank: i + 1, results: {},
      });
    }
  }
  return { markets, snapshots, books, prices: [], hype, analyses };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
