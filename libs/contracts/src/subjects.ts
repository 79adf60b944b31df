/** Every NATS subject the system speaks. The only place subject strings are spelled. */
export const Subjects = {
  MarketSnapshot: 'market.snapshot',
  MarketCycleCompleted: 'market.cycle.completed',
  HypeScore: 'hype.score',
  NewsItem: 'news.item',
  AnalysisQuality: 'analysis.quality',
  AnalysisCorrelation: 'analysis.correlation',
  AnalysisMicrostructure: 'analysis.microstructure',
  SignalGenerated: 'signal.generated',
  SignalRebalance: 'signal.rebalance',
  RiskApproved: 'risk.approved',
  RiskRejected: 'risk.rejected',
  RiskWarning: 'risk.warning',
  RiskCommand: 'risk.command',
  TradeOpened: 'trade.opened',
  TradeClosed: 'trade.closed',
  AlertSent: 'alert.sent',
  AlertFailed: 'alert.failed',
  SystemKill: 'system.kill',
  SystemReset: 'system.reset',
  SystemDeadLetter: 'system.deadletter',
} as const;

export type Subject = (typeof Subjects)[keyof typeof Subjects];

/** Per-service subjects: `system.heartbeat.<service>` (core) and `system.status.<service>` (request-reply). */
export const HEARTBEAT_PREFIX = 'system.heartbeat.';
export const STATUS_PREFIX = 'system.status.';
/** `system.run.<service>` (core request-reply): one cycle/run now, answered with a RunNowAnswer. */
export const RUN_NOW_PREFIX = 'system.run.';
export const runNowSubject = (service: string): string => `${RUN_NOW_PREFIX}${service}`;
/** What a service answers to system.run.<service>: started, or why not. */
export type RunNowOutcome = 'started' | 'halted' | 'running' | 'stopping';
export interface RunNowAnswer {
  readonly service: string;
  readonly outcome: RunNowOutcome;
  readonly at: string;
}
/**
 * `system.profile.<service>` (core request-reply): take a V8 CPU profile of the service for `seconds`; the
 * service writes the .cpuprofile under its data directory and answers with its path (a profile is often
 * larger than a bus message), or why not.
 */
export const PROFILE_PREFIX = 'system.profile.';
export const profileSubject = (service: string): string => `${PROFILE_PREFIX}${service}`;
/** Bounds of ProfileRequest.seconds: long enough to catch a cycle stage, short enough to stay one request. */
export const PROFILE_SECONDS_MIN = 1;
export const PROFILE_SECONDS_MAX = 120;
export interface ProfileRequest {
  readonly seconds: number;
}
/** busy: a profile of this process is being taken already; invalid: bad request; failed: the profiler or the file write failed. */
export type ProfileRefusal = 'busy' | 'invalid' | 'failed';
export type ProfileAnswer =
  | { readonly ok: true; readonly service: string; readonly path: string; readonly bytes: number; readonly seconds: number; readonly startedAt: string }
  | { readonly ok: false; readonly service: string; readonly reason: ProfileRefusal; readonly error: string };

export const heartbeatSubject = (service: string): string => `${HEARTBEAT_PREFIX}${service}`;
export const statusSubject = (service: string): string => `${STATUS_PREFIX}${service}`;

/** `system.metrics.<service>` (core, not stored): the service's Prometheus registry snapshot, read by the gateway's /metrics. */
export const METRICS_PREFIX = 'system.metrics.';
export const metricsSubject = (service: string): string => `${METRICS_PREFIX}${service}`;

/** The seven services, in start order. */
export const SERVICE_NAMES = ['collector', 'hype', 'analyzer', 'signals', 'risk', 'notifier', 'gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}
