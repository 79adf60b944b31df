import type { DataSource } from 'typeorm';
import { AnalysisStore, BookSummaryRecord, HypeScoreStore, MarketRecord, MarketStore, SnapshotRecord } from '@polytrader/persistence';

export interface SyntheticOptions {
  readonly markets: number;
  /** the pass time; data ends at its interval */
  readonly nowMs: number;
  readonly intervalMinutes?: number;
  /** cycles of snapshots and intervals of hype written per market */
  readonly intervals?: number;
  /** share of markets whose hype rises sharply over the last intervals (the rest stays flat) */
  readonly risingFraction?: number;
  /** category per market index (default: three sectors in turn) */
  readonly category?: (i: number) => string;
}

/**
 * Test and bench data for signal passes, written through the real stores: `markets` open binary markets
 * with snapshots (Yes price, rolling 24 h volume), hype scores, two-sided books and an analysis that makes
 * every market eligible (p_adj 0.001, pearson +0.3). Markets m0… with rising hype signal BUY Yes.
 */
export async function seedSyntheticSignalData(ds: DataSource, o: SyntheticOptions): Promise<MarketRecord[]> {
  const minutes = o.intervalMinutes ?? 15;
  const intervalMs = minutes * 60_000;
  const n = o.intervals ?? 8;
  const kNow = Math.floor(o.nowMs / intervalMs);
  const rising = Math.round((o.risingFraction ?? 0.5) * o.markets);
  const category = o.category ?? ((i: number) => ['politics', 'crypto', 'sports'][i % 3]);
  const markets: MarketRecord[] = Array.from({ length: o.markets }, (_, i) => ({
    id: `m${i}`, conditionId: `0xc${i}`, slug: `market-${i}`, question: `Will synthetic thing ${i} happen?`, category: category(i), tags: [category(i)],
    endDate: new Date(o.nowMs + 30 * 86_400_000).toISOString(), active: true, closed: false, outcomes: ['Yes', 'No'], tokenIds: [`m${i}-yes`, `m${i}-no`],
  }));
  const store = new MarketStore(ds);
  for (let c = n - 1; c >= 0; c--) {
    const k = kNow - c;
    const ts = new Date(k * intervalMs + 2_000).toISOString();
    const cycleId = `syn-${k}`;
    const snapshots: SnapshotRecord[] = [];
    const books: BookSummaryRecord[] = [];
    for (const [i, m] of markets.entries()) {
      const yes = 0.4 + 0.2 * ((i % 7) / 7);
      const volume = 9600 + (c === 0 && i < rising ? 150 : 0); // the newest cycle of a rising market has unusual volume
      snapshots.push({ marketId: m.id, cycleId, ts, outcomePrices: [yes, 1 - yes], volume24h: volume, liquidity: 20_000 });
      if (c === 0) {
        for (const [t, tokenId] of m.tokenIds.entries()) {
          const mid = t === 0 ? yes : 1 - yes;
          books.push({
            marketId: m.id, tokenId, cycleId, ts, bestBid: mid - 0.01, bestAsk: mid + 0.01, mid, spread: 0.02, bidDepth: 3000, askDepth: 3000,
            bids: [[mid - 0.01, 1000], [mid - 0.02, 2000]], asks: [[mid + 0.01, 1000], [mid + 0.02, 2000]],
          });
        }
      }
    }
    await store.saveCycle({ cycleId, ts, markets: c === n - 1 ? markets : [], snapshots, books, prices: [] });
  }
  const hype = [];
  for (const [i, m] of markets.entries()) {
    for (let c = n; c >= 1; c--) {
      const score = i < rising && c <= 2 ? 2.5 : 0.1;
      hype.push({ marketId: m.id, intervalStart: new Date((kNow - c) * intervalMs).toISOString(), mentions: 10, mentionsZ: score, velocity: 0, sentiment: 0, hypeScore: score });
    }
  }
  await new HypeScoreStore(ds).save(hype);
  const ts = new Date(o.nowMs - 3_600_000).toISOString();
  await new AnalysisStore(ds).saveRun(ts, ts, markets.map((m, i) => ({
    runId: ts, marketId: m.id, ts, points: 96, hypeToPriceP: 0.001, hypeToPriceLag: 1, hypeToPriceF: 20, priceToHypeP: 0.5, pearson: 0.3, rank: i + 1, results: {},
  })), []);
  return markets;
}
