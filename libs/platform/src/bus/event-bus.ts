import { DeadLetterEvent, MAX_PAYLOAD_BYTES, Subjects, encode, envelope, streamFor } from '@polytrader/contracts';
import { createHash } from 'node:crypto';
import { JetStreamClient, MsgHdrs, NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { JetStreamPublisher } from './jetstream-publisher';

/**
 * Most of a rejected message a dead letter keeps: the parse limit (MAX_PAYLOAD_BYTES) less headroom,
 * since base64 grows binary payloads by 4/3 and the dead letter itself must stay under NATS's
 * default max_payload of 1 MiB. `bytes` and `sha256` always describe the full original.
 */
export const DEAD_LETTER_PAYLOAD_BYTES = Math.min(MAX_PAYLOAD_BYTES, 512 * 1024);
/** Longest reason a dead letter carries (the reason is usually an error message). */
const DEAD_LETTER_REASON_CHARS = 4096;

export interface PublishOptions {
  /** de-duplication id for JetStream (Nats-Msg-Id); defaults to the event id */
  readonly msgId?: string;
}

/**
 * Publishing side of the bus. Durable subjects go through JetStream and resolve once the
 * stream has stored the message; everything else is core NATS (fire and forget).
 */
export class EventBus {
  readonly js: JetStreamClient;
  private readonly stored: JetStreamPublisher;
  private deadLetters = 0;

  constructor(
    readonly nc: NatsConnection,
    readonly service: string,
    private readonly logger: Logger,
  ) {
    this.js = nc.jetstream();
    this.stored = new JetStreamPublisher(nc);
  }

  async publish(subject: string, event: object, options: PublishOptions = {}): Promise<void> {
    const data = encode(event);
    if (streamFor(subject)) {
      const msgID = options.msgId ?? (event as { id?: string }).id;
      await this.stored.publish(subject, data, msgID);
    } else {
      this.nc.publish(subject, data);
    }
  }

  /** Core request-reply with a JSON body; resolves with the parsed JSON answer. */
  async request<T>(subject: string, body: object = {}, timeoutMs = 1000): Promise<T> {
    const reply = await this.nc.request(subject, encode(body), { timeout: timeoutMs });
    return JSON.parse(Buffer.from(reply.data).toString('utf8')) as T;
  }

  /** Files a message we could not use on system.deadletter, with the reason, and logs it. */
  async deadLetter(subject: string, data: Uint8Array, reason: string, consumer: string, headers?: MsgHdrs): Promise<void> {
    this.deadLetters++;
    if (reason.length > DEAD_LETTER_REASON_CHARS) reason = `${reason.slice(0, DEAD_LETTER_REASON_CHARS - 3)}...`;
    let event: DeadLetterEvent;
    try {
      const kept = data.subarray(0, DEAD_LETTER_PAYLOAD_BYTES);
      const text = utf8OrUndefined(kept, kept.length < data.length);
      event = {
        ...envelope(this.service),
        subject,
        reason,
        consumer,
        payload: text ?? Buffer.from(kept).toString('base64'),
        encoding: text === undefined ? 'base64' : 'utf8',
        bytes: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        ...(headers ? { headers: headersToObject(headers) } : {}),
      };
    } catch (err) {
      this.logger.error({ err, metrics: { subject, consumer, bytes: data.length } }, `could not build dead letter for ${subject}`);
      return;
    }
    this.logger.warn({ metrics: { subject, consumer, bytes: data.length } }, `dead-lettered ${subject}: ${reason}`);
    try {
      await this.publish(Subjects.SystemDeadLetter, event);
    } catch (err) {
      this.logger.error({ err, metrics: { subject } }, 'could not publish to system.deadletter');
    }
  }

  get deadLetterCount(): number {
    return this.deadLetters;
  }
}

/**
 * The bytes as text when they are valid UTF-8, else undefined. When `cut` (the bytes are a prefix),
 * a multi-byte character split at the end is dropped rather than making the whole prefix invalid.
 */
function utf8OrUndefined(bytes: Uint8Array, cut: boolean): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: cut });
  } catch {
    return undefined;
  }
}

function headersToObject(h: MsgHdrs): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const key of h.keys()) out[key] = h.values(key);
  return out;
}
