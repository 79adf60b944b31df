import type { BookSummaryRecord, CycleBatch, MarketRecord, PricePointRecord, SnapshotRecord } from '../records';

export interface CycleBatchOptions {
  /** Cycle number: 0, 1, 2 … → cycleId `cycle-000000`, ts = start + cycle × intervalMinutes. */
  cycle?: number;
  markets?: number;
  /** Price points per token in the batch (the last `pricePoints` minutes before ts). */
  pricePoints?: number;
  withBooks?: boolean;
  start?: string;
  intervalMinutes?: number;
}

/** A deterministic collection cycle: `markets` two-outcome markets with snapshots, books and prices. */
export function cycleBatch(options: CycleBatchOptions = {}): CycleBatch {
  const { cycle = 0, markets = 3, pricePoints = 2, withBooks = true, start = '2025-01-01T00:00:00.000Z', intervalMinutes = 15 } = options;
  const tsMs = Date.parse(start) + cycle * intervalMinutes * 60_000;
  const ts = new Date(tsMs).toISOString();
  const cycleId = `cycle-${String(cycle).padStart(6, '0')}`;
  const batch: CycleBatch = { cycleId, ts, markets: [], snapshots: [], books: [], prices: [] };
  for (let i = 0; i < markets; i++) {
    const id = `m${i}`;
    const tokenIds = [`${id}-yes`, `${id}-no`];
    const yes = Math.round((0.2 + ((i * 7 + cycle * 3) % 60) / 100) * 1000) / 1000;
    const market: MarketRecord = {
      id, conditionId: `0xcond${i}`, slug: `market-${i}`, question: `Will thing ${i} happen?`, category: i % 2 ? 'Politics' : null,
      tags: i % 2 ? ['Politics', 'US'] : [], endDate: '2026-01-01T00:00:00.000Z', active: true, closed: false, outcomes: ['Yes', 'No'], tokenIds,
    };
    batch.markets.push(market);
    const snapshot: SnapshotRecord = { marketId: id, cycleId, ts, outcomePrices: [yes, 1 - yes], volume24h: 1000 + i, liquidity: 5000 + i * 10 };
    batch.snapshots.push(snapshot);
    if (withBooks) {
      for (const [k, tokenId] of tokenIds.entries()) {
        const mid = k === 0 ? yes : 1 - yes;
        const book: BookSummaryRecord = {
          marketId: id, tokenId, cycleId, ts, bestBid: mid - 0.01, bestAsk: mid + 0.01, mid, spread: 0.02, bidDepth: 100, askDepth: 120,
          bids: [[mid - 0.01, 50], [mid - 0.02, 50]], asks: [[mid + 0.01, 60], [mid + 0.02, 60]],
        };
        batch.books.push(book);
      }
    }
    for (const [k, tokenId] of tokenIds.entries()) {
      for (let p = pricePoints; p >= 1; p--) {
        const point: PricePointRecord = { tokenId, marketId: id, t: Math.floor(tsMs / 1000) - p * 60, price: k === 0 ? yes : 1 - yes };
        batch.prices.push(point);
      }
    }
  }
  return batch;
}
