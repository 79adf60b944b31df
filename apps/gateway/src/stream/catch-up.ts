import { DeliverPolicy, JetStreamClient, JetStreamManager } from 'nats';
import type { StreamSource } from './stream-sources';

/** Gives up on a catch-up read that stalls: the stream said messages were there, none came. */
const IDLE_TIMEOUT_MS = 5000;

export interface CatchUpRange {
  /** the last sequence the client has */
  readonly after: number;
  /** the hub's position when the client connected: live events start after it */
  readonly through: number;
  readonly max: number;
}

export type CatchUpResult = 'done' | 'too_many' | 'stalled';

/**
 * Reads a stream's stored messages in (after, through] with an ordered consumer (no server state
 * left behind) and hands each to `deliver`. Checks first that something is there, because an
 * ordered consumer waits for a first message that may never come.
 */
export async function catchUp(
  js: JetStreamClient, jsm: JetStreamManager, source: StreamSource, range: CatchUpRange,
  deliver: (subject: string, seq: number, data: Uint8Array) => void,
): Promise<CatchUpResult> {
  if (!(await anythingAfter(jsm, source, range.after))) return 'done';
  const consumer = await js.consumers.get(source.stream, {
    filterSubjects: source.filter,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: range.after + 1,
  });
  const messages = await consumer.consume({ max_messages: Math.min(range.max, 1000) });
  let count = 0;
  let idle: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => void messages.close(), IDLE_TIMEOUT_MS);
  };
  arm();
  let result: CatchUpResult = 'stalled';
  try {
    for await (const m of messages) {
      arm();
      if (m.seq > range.through) { result = 'done'; break; }
      if (++count > range.max) { result = 'too_many'; break; }
      deliver(m.subject, m.seq, m.data);
      if (m.seq === range.through || m.info.pending === 0) { result = 'done'; break; }
    }
  } finally {
    clearTimeout(idle);
    await messages.close();
  }
  return result;
}

async function anythingAfter(jsm: JetStreamManager, source: StreamSource, after: number): Promise<boolean> {
  try {
    if (source.filter) return (await jsm.streams.getMessage(source.stream, { last_by_subj: source.filter })).seq > after;
    const { state } = await jsm.streams.info(source.stream);
    return state.messages > 0 && state.last_seq > after;
  } catch {
    return false; // no message of that subject stored (or the stream is gone): nothing to replay
  }
}
