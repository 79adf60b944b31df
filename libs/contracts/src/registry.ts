import { AnalysisCorrelationEvent, AnalysisMicrostructureEvent, AnalysisQualityEvent } from './events/analysis.events';
import { BaseEvent } from './events/base.event';
import { HypeScoreEvent, MarketCycleCompletedEvent, MarketSnapshotEvent, NewsItemEvent } from './events/market.events';
import { DeadLetterEvent, HeartbeatEvent, MetricsReportEvent } from './events/system.events';
import {
  AlertDeliveryEvent, PortfolioRebalanceEvent, RiskCommandEvent, RiskDecisionEvent, RiskWarningEvent, SignalGeneratedEvent, TradeEvent,
} from './events/trading.events';
import { HEARTBEAT_PREFIX, METRICS_PREFIX, Subjects } from './subjects';

/** Subject → payload class, and the schema versions each receiver understands. */
export const EVENT_CLASSES = {
  [Subjects.MarketSnapshot]: MarketSnapshotEvent,
  [Subjects.MarketCycleCompleted]: MarketCycleCompletedEvent,
  [Subjects.HypeScore]: HypeScoreEvent,
  [Subjects.NewsItem]: NewsItemEvent,
  [Subjects.AnalysisQuality]: AnalysisQualityEvent,
  [Subjects.AnalysisCorrelation]: AnalysisCorrelationEvent,
  [Subjects.AnalysisMicrostructure]: AnalysisMicrostructureEvent,
  [Subjects.SignalGenerated]: SignalGeneratedEvent,
  [Subjects.SignalRebalance]: PortfolioRebalanceEvent,
  [Subjects.RiskApproved]: RiskDecisionEvent,
  [Subjects.RiskRejected]: RiskDecisionEvent,
  [Subjects.RiskWarning]: RiskWarningEvent,
  [Subjects.RiskCommand]: RiskCommandEvent,
  [Subjects.TradeOpened]: TradeEvent,
  [Subjects.TradeClosed]: TradeEvent,
  [Subjects.AlertSent]: AlertDeliveryEvent,
  [Subjects.AlertFailed]: AlertDeliveryEvent,
  [Subjects.SystemDeadLetter]: DeadLetterEvent,
} as const;

export type EventMap = { [K in keyof typeof EVENT_CLASSES]: InstanceType<(typeof EVENT_CLASSES)[K]> };
export type TypedSubject = keyof EventMap;

/** Versions this build understands, per subject (all start at 1). */
export const SUPPORTED_VERSIONS: Readonly<Record<string, readonly number[]>> = Object.fromEntries(
  [...Object.keys(EVENT_CLASSES), HEARTBEAT_PREFIX, METRICS_PREFIX].map((s) => [s, [1]]),
);

export type EventClass = new () => BaseEvent;

export function eventClassFor(subject: string): EventClass | undefined {
  if (subject.startsWith(HEARTBEAT_PREFIX)) return HeartbeatEvent;
  if (subject.startsWith(METRICS_PREFIX)) return MetricsReportEvent;
  return (EVENT_CLASSES as Record<string, EventClass>)[subject];
}

export function supportedVersions(subject: string): readonly number[] {
  if (subject.startsWith(HEARTBEAT_PREFIX)) return SUPPORTED_VERSIONS[HEARTBEAT_PREFIX];
  if (subject.startsWith(METRICS_PREFIX)) return SUPPORTED_VERSIONS[METRICS_PREFIX];
  return SUPPORTED_VERSIONS[subject] ?? [];
}
