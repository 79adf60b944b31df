/**
 * What the notifier reads from other services' data, as interfaces: the PortfolioStore (risk) and the
 * signals table. Shapes follow the interfaces fixed between the engineers.
 */
export interface PositionView {
  marketId: string;
  tokenId: string;
  outcome: string;
  side: 'BUY' | 'SELL';
  size: number;
  avgPrice: number;
  cost: number;
  markPrice: number | null;
  unrealizedPnl: number;
  openedAt: string;
}

export interface PnlView {
  realizedPnl: number;
  unrealizedPnl: number;
  fees: number;
  tradesOpened: number;
  tradesClosed: number;
  equity: number;
  startOfDayEquity: number;
  best: { marketId: string; pnl: number } | null;
  worst: { marketId: string; pnl: number } | null;
}

export interface PortfolioReader {
  openPositions(): Promise<PositionView[]>;
  pnlSummary(fromIso: string, toIso?: string): Promise<PnlView>;
}

export interface SignalRow {
  id: string;
  marketId: string;
  outcome: string;
  side: string;
  price: number;
  strength: string;
  confidence: number;
  size: number;
  ts: string;
}

export interface SignalReader {
  latest(limit: number): Promise<SignalRow[]>;
  countSince(fromIso: string): Promise<number>;
}

/** Market id → its question (title), for messages; the id itself when unknown. */
export type TitleOf = (marketId: string) => string;
