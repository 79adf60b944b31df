import { BookSummary, MarketSnapshotEvent, Subjects, envelope } from '@polytrader/contracts';
import type { BookSummaryRecord, MarketRecord, SnapshotRecord } from '@polytrader/persistence';
import { ParsedBook } from '../clob/book.parser';
import { ParsedMarket } from '../gamma/gamma-market.parser';

export { Subjects };

export function toMarketRecord(m: ParsedMarket, nowIso: string): MarketRecord {
  return {
    id: m.id, conditionId: m.conditionId, slug: m.slug, question: m.question, category: m.category, tags: [...m.tags],
    endDate: m.endDate, active: m.active, closed: m.closed, outcomes: [...m.outcomes], tokenIds: [...m.tokenIds], updatedAt: nowIso,
  };
}

export function toSnapshotRecord(m: ParsedMarket, cycleId: string, ts: string): SnapshotRecord {
  return { marketId: m.id, cycleId, ts, outcomePrices: [...m.outcomePrices], volume24h: m.volume24h, liquidity: m.liquidity, qualityFlags: [] };
}

export function toBookRecord(marketId: string, b: ParsedBook, cycleId: string, ts: string): BookSummaryRecord {
  return {
    marketId, tokenId: b.tokenId, cycleId, ts, bestBid: b.bestBid, bestAsk: b.bestAsk, mid: b.mid, spread: b.spread,
    bidDepth: b.bidDepth, askDepth: b.askDepth, bids: b.bids.map((l) => [l[0], l[1]]), asks: b.asks.map((l) => [l[0], l[1]]),
  };
}

export function toSnapshotEvent(m: ParsedMarket, books: ReadonlyMap<string, ParsedBook>, cycleId: string, source: string): MarketSnapshotEvent {
  const summaries: BookSummary[] = [];
  for (const tokenId of m.tokenIds) {
    const b = books.get(tokenId);
    if (b) summaries.push({ tokenId, bestBid: b.bestBid, bestAsk: b.bestAsk, mid: b.mid, spread: b.spread, bidDepth: b.bidDepth, askDepth: b.askDepth });
  }
  return {
    ...envelope(source),
    marketId: m.id,
    question: m.question,
    category: m.category,
    endDate: m.endDate,
    outcomes: m.outcomes.map((outcome, i) => ({ outcome, tokenId: m.tokenIds[i], price: m.outcomePrices[i] })),
    volume24h: m.volume24h,
    liquidity: m.liquidity,
    books: summaries,
    cycleId,
  };
}
