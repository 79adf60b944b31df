import type { PnlSummary, PositionRecord, SignalRecord } from '@polytrader/persistence';

/**
 * What the notifier reads from other services' data: risk's PortfolioStore and the signals service's
 * SignalStore (persistence), narrowed to what the messages and commands use.
 */
export interface PortfolioReader {
  openPositions(): Promise<PositionRecord[]>;
  pnlSummary(fromIso: string, toIso?: string): Promise<PnlSummary>;
}

export interface SignalReader {
  /** newest published signals first */
  recent(query: { limit: number }): Promise<SignalRecord[]>;
  countSince(fromIso: string): Promise<number>;
}

/** Market id → its question (title), for messages; the id itself when unknown. */
export type TitleOf = (marketId: string) => string;
