import { ServiceUnavailableException } from '@nestjs/common';
import { DeliverPolicy, type JetStreamClient, type JetStreamManager } from 'nats';

/** Gives up on a read that stalls: the stream said messages were there, none came. */
const IDLE_TIMEOUT_MS = 5000;

export interface StoredMessage {
  readonly seq: number;
  readonly subject: string;
  /** when JetStream stored it (ISO) */
  readonly storedAt: string;
  readonly data: Uint8Array;
}

export interface StoredRead {
  /** one subject of the stream; default all */
  readonly subject?: string;
  /** the first sequence to read; default the stream's first */
  readonly startSeq?: number;
  readonly max: number;
}

/**
 * A stream's (or one subject's) stored messages from startSeq on, oldest first, at most `max`, through an
 * ordered consumer (no server state left behind). Checks first that something is there, because an
 * ordered consumer waits for a first message that may never come. Always by start sequence: nats.js sends
 * an ordered consumer `opt_start_seq` whatever the policy, and the server refuses that with DeliverPolicy.All,
 * so such a consumer never delivers. A missing stream or subject reads as empty; a bus that does not
 * answer is a 503 with the reason.
 */
export async function readStored(js: JetStreamClient, jsm: JetStreamManager, stream: string, read: StoredRead): Promise<StoredMessage[]> {
  try {
    const last = await lastSeq(jsm, stream, read.subject);
    if (last === 0 || last < (read.startSeq ?? 0)) return [];
    const consumer = await js.consumers.get(stream, {
      ...(read.subject ? { filterSubjects: read.subject } : {}),
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: Math.max(1, read.startSeq ?? 1),
    });
    const messages = await consumer.consume({ max_messages: Math.min(read.max, 1000) });
    const out: StoredMessage[] = [];
    let idle: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => void messages.close(), IDLE_TIMEOUT_MS);
    };
    arm();
    try {
      for await (const m of messages) {
        arm();
        out.push({ seq: m.seq, subject: m.subject, storedAt: new Date(Math.floor(m.info.timestampNanos / 1e6)).toISOString(), data: m.data });
        if (out.length >= read.max || m.seq >= last || m.info.pending === 0) break;
      }
    } finally {
      clearTimeout(idle);
      await messages.close();
    }
    return out;
  } catch (err) {
    throw unavailable(err);
  }
}

/** The stream's (or subject's) last sequence, 0 when there is none. */
export async function lastSeq(jsm: JetStreamManager, stream: string, subject?: string): Promise<number> {
  try {
    if (subject) return (await jsm.streams.getMessage(stream, { last_by_subj: subject })).seq;
    const { state } = await jsm.streams.info(stream);
    return state.messages > 0 ? state.last_seq : 0;
  } catch (err) {
    if (isNotFound(err)) return 0;
    throw unavailable(err);
  }
}

/** One stored message by sequence, or null. */
export async function storedMessage(jsm: JetStreamManager, stream: string, seq: number): Promise<StoredMessage | null> {
  try {
    const m = await jsm.streams.getMessage(stream, { seq });
    return { seq: m.seq, subject: m.subject, storedAt: m.time.toISOString(), data: m.data };
  } catch (err) {
    if (isNotFound(err)) return null;
    throw unavailable(err);
  }
}

/** The stream's first sequence, 0 when it is missing or empty. */
export async function firstSeq(jsm: JetStreamManager, stream: string): Promise<number> {
  try {
    const { state } = await jsm.streams.info(stream);
    return state.messages > 0 ? state.first_seq : 0;
  } catch (err) {
    if (isNotFound(err)) return 0;
    throw unavailable(err);
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { code?: string | number; api_error?: { code?: number; err_code?: number } };
  return e?.api_error?.code === 404 || e?.code === '404' || e?.code === 404 || /not found/i.test(String((err as Error)?.message ?? ''));
}

function unavailable(err: unknown): unknown {
  if (err instanceof ServiceUnavailableException) return err;
  return new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: `bus unavailable: ${(err as Error)?.message ?? String(err)}` });
}
