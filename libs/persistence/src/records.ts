import type { KillInfo } from '@polytrader/contracts';

/**
 * Plain records the stores take and return — no decorators, no TypeORM.
 * Times are ISO-8601 strings (stored normalized to UTC `YYYY-MM-DDTHH:mm:ss.sssZ`); JSON columns are
 * real arrays here and TEXT in the database.
 */

export interface MarketRecord {
  /** Gamma market id. */
  id: string;
  conditionId: string;
  slug: string;
  question: string;
  /** First tag label, or null. */
  category: string | null;
  tags: string[];
  endDate: string | null;
  active: boolean;
  closed: boolean;
  outcomes: string[];
  /** CLOB token id per outcome, same order as `outcomes`. */
  tokenIds: string[];
  /** Set by the store: the ts of the cycle that first / last wrote the market. Ignored on input. */
  firstSeenAt?: string;
  updatedAt?: string;
}

export interface SnapshotRecord {
  marketId: string;
  cycleId: string;
  /** Cycle time. */
  ts: string;
  /** Price per outcome, same order as the market's `outcomes`. */
  outcomePrices: number[];
  /** null when Gamma does not say. */
  volume24h: number | null;
  liquidity: number | null;
  /** Data-quality flags; `[]` when absent. Only set on first insert; later use MarketStore.markSnapshotFlags. */
  qualityFlags?: string[];
}

export type BookLevel = [price: number, size: number];

export interface BookSummaryRecord {
  marketId: string;
  tokenId: string;
  cycleId: string;
  ts: string;
  bestBid: number | null;
  bestAsk: number | null;
  mid: number | null;
  spread: number | null;
  bidDepth: number;
  askDepth: number;
  /** Top levels, best first. */
  bids: BookLevel[];
  asks: BookLevel[];
}

export interface PricePointRecord {
  tokenId: string;
  marketId: string;
  /** Epoch seconds. */
  t: number;
  price: number;
}

export type QualitySeverity = 'info' | 'warning' | 'error';

export interface QualityIssueRecord {
  marketId: string;
  cycleId: string;
  kind: string;
  severity: QualitySeverity;
  detail: string;
  ts: string;
}

/** A kill or reset: KillInfo's reason/source/ts plus a stable id (e.g. the CONTROL stream sequence). */
export interface SystemEventRecord extends KillInfo {
  id: string;
  kind: 'kill' | 'reset';
}

/** A row of a cycle; `cycleId` and `ts` default to the batch's. */
export type CycleRow<T extends { cycleId: string; ts: string }> = Omit<T, 'cycleId' | 'ts'> & Partial<Pick<T, 'cycleId' | 'ts'>>;

/** Everything one collection cycle writes, saved in one transaction by MarketStore.saveCycle. */
export interface CycleBatch {
  cycleId: string;
  /** Cycle time (ISO). */
  ts: string;
  markets: MarketRecord[];
  snapshots: CycleRow<SnapshotRecord>[];
  books: CycleRow<BookSummaryRecord>[];
  prices: PricePointRecord[];
}

export interface SaveCycleResult {
  /** Rows inserted or updated (a market older than its stored version is left alone). */
  markets: number;
  snapshots: number;
  books: number;
  /** New price points only: existing (token_id, t) points are kept as they are. */
  prices: number;
  durationMs: number;
}

export type MarketTable = 'markets' | 'market_snapshots' | 'book_summaries' | 'price_history';
