import type {
  AlertDeliveryRecord, CalendarBody, DecisionRecord, MarkedPosition, MarketCycleCompletedEvent, MarketDetail, MarketListItem,
  PnlSeries, PnlSummary, QualityIssueRecord, SignalRecord, SystemStatus, TradeRecord, TradingStateBody,
} from './api-types';

/** Everything the page shows; undefined = not loaded yet (the section says what it waits for). */
export interface Model {
  services?: SystemStatus;
  trading?: TradingStateBody['trading'];
  pnl?: PnlSummary;
  pnlSeries?: PnlSeries;
  positions?: MarkedPosition[];
  signals?: SignalRecord[];
  decisions?: DecisionRecord[];
  trades?: TradeRecord[];
  markets?: MarketListItem[];
  selectedMarket?: string;
  market?: MarketDetail;
  alerts?: AlertDeliveryRecord[];
  quality?: QualityIssueRecord[];
  calendar?: CalendarBody;
  /** the latest market.cycle.completed events, newest first */
  cycles: MarketCycleCompletedEvent[];
  /** errors per section from the last load (e.g. 503 database unavailable) */
  errors: Partial<Record<string, string>>;
}

export const model: Model = { cycles: [], errors: {} };

/** How many rows a live feed keeps. */
export const FEED_ROWS = 30;

/**
 * A feed reloaded over REST, merged with the rows the stream brought: a live row the REST answer
 * does not have (e.g. a signal published on the bus by hand, never journaled) stays, newest first.
 */
export function merged<T>(rest: readonly T[], live: readonly T[] | undefined, key: (r: T) => string, ts: (r: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const r of [...(live ?? []), ...rest]) byKey.set(key(r), r);
  return [...byKey.values()].sort((a, b) => ts(b).localeCompare(ts(a))).slice(0, FEED_ROWS);
}

/** Puts a row at the head of a feed (replacing one with the same key) and trims it. */
export function prepend<T>(list: T[] | undefined, row: T, key: (r: T) => string): T[] {
  const k = key(row);
  return [row, ...(list ?? []).filter((r) => key(r) !== k)].slice(0, FEED_ROWS);
}
