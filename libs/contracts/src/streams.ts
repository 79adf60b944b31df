import { Subjects } from './subjects';

/**
 * JetStream streams for everything that must not be lost. Grouped by domain so that
 * retention can differ: market data is bulky and ages out, the control stream keeps
 * the kill/reset history that decides whether a restarted service comes back halted.
 */
export interface StreamSpec {
  readonly name: string;
  readonly subjects: readonly string[];
  /** 0 = unlimited */
  readonly maxAgeDays: number;
  readonly maxMsgsPerSubject: number;
  /** JetStream de-duplication window by Nats-Msg-Id, in seconds; default the server's (2 minutes) */
  readonly duplicateWindowS?: number;
}

export const STREAMS: readonly StreamSpec[] = [
  { name: 'MARKET', subjects: ['market.>'], maxAgeDays: 7, maxMsgsPerSubject: 0 },
  { name: 'HYPE', subjects: ['hype.>', 'news.>'], maxAgeDays: 7, maxMsgsPerSubject: 0 },
  { name: 'ANALYSIS', subjects: ['analysis.>'], maxAgeDays: 30, maxMsgsPerSubject: 0 },
  { name: 'SIGNAL', subjects: ['signal.>'], maxAgeDays: 30, maxMsgsPerSubject: 0 },
  { name: 'RISK', subjects: ['risk.>', 'trade.>'], maxAgeDays: 90, maxMsgsPerSubject: 0 },
  { name: 'ALERT', subjects: ['alert.>'], maxAgeDays: 30, maxMsgsPerSubject: 0 },
  {
    name: 'CONTROL',
    subjects: [Subjects.SystemKill, Subjects.SystemReset],
    maxAgeDays: 0,
    maxMsgsPerSubject: 1000,
    // A live kill the stream missed is stored by the halted services themselves, under an id derived
    // from its content (see KillSwitch): a day-long window keeps a late reconnect from storing it twice.
    duplicateWindowS: 86_400,
  },
  { name: 'DEADLETTER', subjects: [Subjects.SystemDeadLetter], maxAgeDays: 30, maxMsgsPerSubject: 0 },
];

/** The stream that stores a subject, or undefined for core-only subjects (heartbeats, status). */
export function streamFor(subject: string): StreamSpec | undefined {
  return STREAMS.find((s) => s.subjects.some((pattern) => subjectMatches(pattern, subject)));
}

/** NATS wildcard match: `*` one token, `>` one or more trailing tokens. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}
