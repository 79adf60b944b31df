/**
 * The gateway's response shapes, taken from the libs the gateway answers with (type-only imports:
 * nothing of them reaches the bundle). What the gateway defines itself is restated here, because
 * apps never import each other.
 */
export type { SystemStatus, ServiceView } from '@polytrader/platform';
export type {
  AlertDeliveryRecord, BookSummaryRecord, DecisionRecord, JournalEntry, MarketDetail, MarketListItem, MarketPage,
  OrderRecord, PnlSeries, PnlSummary, PositionRecord, QualityIssueRecord, SignalRecord, TradeRecord,
} from '@polytrader/persistence';
export type {
  AlertDeliveryEvent, AnalysisCorrelationEvent, AnalysisQualityEvent, KillInfo, MarketCycleCompletedEvent,
  RiskDecisionEvent, SignalGeneratedEvent, TradeEvent, TradingState,
} from '@polytrader/contracts';

import type { BookSummaryRecord, PositionRecord } from '@polytrader/persistence';
import type { TradingState } from '@polytrader/contracts';

/** GET /api/trading-state and the stream's `trading-state` event (apps/gateway/src/status/trading-state.ts). */
export interface TradingStateBody {
  readonly trading: { readonly tradingState: TradingState; readonly why: string | null; readonly [metric: string]: unknown } | null;
}

/** GET /api/positions (apps/gateway/src/trading/trading.controller.ts MarkedPosition). */
export interface MarkedPosition extends PositionRecord {
  readonly book: Pick<BookSummaryRecord, 'bestBid' | 'bestAsk' | 'mid' | 'ts'> | null;
}

/** GET /api/calendar (apps/gateway/src/calendar/calendar-view.ts CalendarView). */
export interface CalendarBody {
  readonly now: string;
  readonly noEntryWindowH: number;
  readonly entries: readonly {
    readonly at: string;
    readonly kind: 'resolution' | 'event';
    readonly what: string;
    readonly marketIds: readonly string[];
    readonly noEntry: boolean;
  }[];
}
