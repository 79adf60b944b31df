import { DeadLetterEvent, Subjects, encode, envelope, streamFor } from '@polytrader/contracts';
import { JetStreamClient, MsgHdrs, NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { JetStreamPublisher } from './jetstream-publisher';

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
    const text = Buffer.from(data).toString('utf8');
    const isUtf8 = Buffer.from(text, 'utf8').equals(Buffer.from(data));
    const event: DeadLetterEvent = {
      ...envelope(this.service),
      subject,
      reason,
      consumer,
      payload: isUtf8 ? text : Buffer.from(data).toString('base64'),
      encoding: isUtf8 ? 'utf8' : 'base64',
      ...(headers ? { headers: headersToObject(headers) } : {}),
    };
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

function headersToObject(h: MsgHdrs): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const key of h.keys()) out[key] = h.values(key);
  return out;
}
