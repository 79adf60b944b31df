import { Subjects, streamFor } from '@polytrader/contracts';

/** The stored subjects the live stream forwards: state changes, signals, decisions, orders, trades, alerts, quality and cycles. */
export const STREAMED_SUBJECTS: readonly string[] = [
  Subjects.SignalGenerated, Subjects.SignalRebalance,
  Subjects.RiskApproved, Subjects.RiskRejected, Subjects.RiskWarning, Subjects.RiskCommand,
  Subjects.TradeOpened, Subjects.TradeClosed,
  Subjects.AlertSent, Subjects.AlertFailed,
  Subjects.AnalysisQuality, Subjects.AnalysisCorrelation,
  Subjects.MarketCycleCompleted,
  Subjects.SystemKill, Subjects.SystemReset,
];

/** One JetStream stream the hub reads, with the server-side filter (nats-server 2.9 takes at most one). */
export interface StreamSource {
  readonly stream: string;
  /** undefined: the whole stream, subjects not streamed are dropped by the hub */
  readonly filter?: string;
}

/**
 * Groups the streamed subjects by the stream that stores them. A stream whose every subject we want
 * but one bulky one (MARKET: snapshots) is read with a one-subject filter when only one is wanted.
 */
export function streamSources(subjects: readonly string[] = STREAMED_SUBJECTS): StreamSource[] {
  const byStream = new Map<string, string[]>();
  for (const subject of subjects) {
    const spec = streamFor(subject);
    if (!spec) throw new Error(`${subject} is not stored by any stream: it cannot be resumed`);
    byStream.set(spec.name, [...(byStream.get(spec.name) ?? []), subject]);
  }
  return [...byStream].map(([stream, wanted]) => (wanted.length === 1 ? { stream, filter: wanted[0] } : { stream }));
}
