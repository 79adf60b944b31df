import { SignalGeneratedEvent } from '@polytrader/contracts';
import { BookLevel, CycleBatch, MarketStore, createDataSource } from '@polytrader/persistence';

/** Shared set-up of the risk e2e tests and the bench: markets and books in a SQLite file, signals to stream. */

export interface SeedBook {
  bids: BookLevel[];
  asks: BookLevel[];
}

/** `count` open markets m0…m(count−1), category politics/sports alternating, each with the same Yes book, stored as one cycle at `ts`. */
export async function seedMarkets(dbFile: string, count: number, book: SeedBook, ts = new Date()): Promise<string[]> {
  const ds = await createDataSource({ url: dbFile });
  try {
    const iso = ts.toISOString();
    const ids = Array.from({ length: count }, (_, i) => `m${i}`);
    const mid = (book.bids[0][0] + book.asks[0][0]) / 2;
    const batch: CycleBatch = {
      cycleId: `seed-${ts.getTime()}`, ts: iso, prices: [],
      markets: ids.map((id, i) => ({
        id, conditionId: `c-${id}`, slug: id, question: `Will ${id} happen?`, category: i % 2 ? 'Sports' : 'Politics', tags: [],
        endDate: new Date(ts.getTime() + 30 * 86_400_000).toISOString(), active: true, closed: false, outcomes: ['Yes', 'No'], tokenIds: [`${id}-yes`, `${id}-no`],
      })),
      snapshots: ids.map((id) => ({ marketId: id, outcomePrices: [mid, 1 - mid], volume24h: 100_000, liquidity: 50_000 })),
      books: ids.map((id) => ({
        marketId: id, tokenId: `${id}-yes`, bestBid: book.bids[0][0], bestAsk: book.asks[0][0], mid, spread: book.asks[0][0] - book.bids[0][0],
        bidDepth: book.bids.reduce((s, [, q]) => s + q, 0), askDepth: book.asks.reduce((s, [, q]) => s + q, 0), bids: book.bids, asks: book.asks,
      })),
    };
    await new MarketStore(ds).saveCycle(batch);
    return ids;
  } finally {
    await ds.destroy();
  }
}

export function makeSignal(id: string, marketId: string, side: 'BUY' | 'SELL', size: number, price = 0.5, ts = new Date()): SignalGeneratedEvent {
  return {
    v: 1, id, ts: ts.toISOString(), source: 'signals', marketId, outcome: 'Yes', tokenId: `${marketId}-yes`, side, price, strength: 'STRONG', confidence: 0.7,
    size, reasons: ['e2e'],
  };
}

/** A deterministic stream of opens and closes over `markets` markets that hits the exposure and open-position limits on the way. */
export function signalStream(count: number, markets: number, seed = 7): SignalGeneratedEvent[] {
  let x = seed;
  const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const now = new Date();
  return Array.from({ length: count }, (_, i) => {
    const m = `m${Math.floor(rand() * markets)}`;
    return makeSignal(`sig-${String(i).padStart(5, '0')}`, m, rand() < 0.65 ? 'BUY' : 'SELL', 10 + Math.floor(rand() * 60), 0.5, now);
  });
}
