import type { BookSummaryRecord, CycleBatch, MarketRecord, PricePointRecord, SnapshotRecord } from '../records';
import type { UpsertSpec } from '../sql/upsert';
import { num, readBool, readJson, readNum, readNumOrNull, toIso, toIsoOrNull, writeJson } from '../sql/values';

/** Column lists and record ⇄ row mapping for the tables MarketStore.saveCycle writes. */

export const MARKET_UPSERT: UpsertSpec = {
  table: 'markets',
  columns: ['id', 'condition_id', 'slug', 'question', 'category', 'tags', 'end_date', 'active', 'closed', 'outcomes', 'token_ids', 'first_seen_at', 'updated_at'],
  conflict: ['id'],
  update: ['condition_id', 'slug', 'question', 'category', 'tags', 'end_date', 'active', 'closed', 'outcomes', 'token_ids', 'updated_at'],
  // replaying an older cycle never overwrites a newer version of the market
  updateWhere: '"markets"."updated_at" <= excluded."updated_at"',
};

export const SNAPSHOT_UPSERT: UpsertSpec = {
  table: 'market_snapshots',
  columns: ['cycle_id', 'market_id', 'ts', 'outcome_prices', 'volume_24h', 'liquidity', 'quality_flags'],
  conflict: ['cycle_id', 'market_id'],
  // quality_flags are not overwritten: flags added later by markSnapshotFlags survive a re-save
  update: ['ts', 'outcome_prices', 'volume_24h', 'liquidity'],
};

export const BOOK_UPSERT: UpsertSpec = {
  table: 'book_summaries',
  columns: ['cycle_id', 'token_id', 'market_id', 'ts', 'best_bid', 'best_ask', 'mid', 'spread', 'bid_depth', 'ask_depth', 'bids', 'asks'],
  conflict: ['cycle_id', 'token_id'],
  update: ['market_id', 'ts', 'best_bid', 'best_ask', 'mid', 'spread', 'bid_depth', 'ask_depth', 'bids', 'asks'],
};

export const PRICE_INSERT: UpsertSpec = {
  table: 'price_history',
  columns: ['token_id', 't', 'market_id', 'price', 'observed_at'],
  conflict: ['token_id', 't'],
  // a point fetched again keeps its first observation time: what the system knew when (docs/backtest.md)
  update: [],
};

export function marketRow(m: MarketRecord, ts: string): unknown[] {
  return [
    m.id, m.conditionId, m.slug, m.question, m.category ?? null, writeJson(m.tags), toIsoOrNull(m.endDate, 'market endDate'),
    m.active, m.closed, writeJson(m.outcomes), writeJson(m.tokenIds), ts, ts,
  ];
}

export function snapshotRow(s: CycleBatch['snapshots'][number], batch: { cycleId: string; ts: string }): unknown[] {
  return [
    s.cycleId ?? batch.cycleId, s.marketId, s.ts === undefined ? batch.ts : toIso(s.ts, 'snapshot ts'), writeJson(s.outcomePrices),
    num(s.volume24h), num(s.liquidity), writeJson(s.qualityFlags ?? []),
  ];
}

export function bookRow(b: CycleBatch['books'][number], batch: { cycleId: string; ts: string }): unknown[] {
  return [
    b.cycleId ?? batch.cycleId, b.tokenId, b.marketId, b.ts === undefined ? batch.ts : toIso(b.ts, 'book ts'), num(b.bestBid), num(b.bestAsk),
    num(b.mid), num(b.spread), num(b.bidDepth), num(b.askDepth), writeJson(b.bids), writeJson(b.asks),
  ];
}

/** `observedAt`: the cycle that fetched it (ISO). */
export function priceRow(p: PricePointRecord, observedAt: string): unknown[] {
  return [p.tokenId, Number.isFinite(p.t) ? Math.floor(p.t) : null, p.marketId, num(p.price), observedAt];
}

type Row = Record<string, unknown>;

export function toMarket(r: Row): MarketRecord {
  return {
    id: String(r.id), conditionId: String(r.condition_id), slug: String(r.slug), question: String(r.question),
    category: (r.category as string | null) ?? null, tags: readJson(r.tags, []), endDate: (r.end_date as string | null) ?? null,
    active: readBool(r.active), closed: readBool(r.closed), outcomes: readJson(r.outcomes, []), tokenIds: readJson(r.token_ids, []),
    firstSeenAt: String(r.first_seen_at), updatedAt: String(r.updated_at),
  };
}

export function toSnapshot(r: Row): SnapshotRecord {
  return {
    marketId: String(r.market_id), cycleId: String(r.cycle_id), ts: String(r.ts), outcomePrices: readJson(r.outcome_prices, []),
    volume24h: readNumOrNull(r.volume_24h), liquidity: readNumOrNull(r.liquidity), qualityFlags: readJson(r.quality_flags, []),
  };
}

export function toBook(r: Row): BookSummaryRecord {
  return {
    marketId: String(r.market_id), tokenId: String(r.token_id), cycleId: String(r.cycle_id), ts: String(r.ts),
    bestBid: readNumOrNull(r.best_bid), bestAsk: readNumOrNull(r.best_ask), mid: readNumOrNull(r.mid), spread: readNumOrNull(r.spread),
    bidDepth: readNum(r.bid_depth), askDepth: readNum(r.ask_depth), bids: readJson(r.bids, []), asks: readJson(r.asks, []),
  };
}

export function toPricePoint(r: Row): PricePointRecord {
  return { tokenId: String(r.token_id), marketId: String(r.market_id), t: readNum(r.t), price: readNum(r.price) };
}
