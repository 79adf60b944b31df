import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { parse, streamFor } from '@polytrader/contracts';
import { JetStreamManager, JsMsg, Msg, NatsConnection, Subscription } from 'nats';
import type { Logger } from 'pino';
import { isObservable, lastValueFrom } from 'rxjs';
import { BusConfig } from '../config/sections';
import { BusContext } from './bus-context';
import { durableName } from './durable-consumer';
import { DurablePullConsumer } from './durable-pull-consumer';
import { EventBus } from './event-bus';

/**
 * Nest transport speaking plain JSON over NATS (no `{pattern,data}` envelope), so `nats pub`
 * and any other client interoperate.
 * - `@EventPattern(subject)` on a durable subject → a JetStream durable consumer
 *   `<service>__<subject>` (a DurablePullConsumer), explicit ack after the handler succeeds, nak with
 *   backoff on error, dead-letter once `bus.max_deliveries` is reached — or, before handling, once a
 *   message shows `bus.max_deliveries` earlier deliveries that ended without an outcome (a crash).
 * - `@EventPattern(subject)` on a core subject (wildcards allowed) → a core subscription, no queue group.
 * - `@MessagePattern(subject)` → request-reply; the handler's return value is the JSON reply.
 * A payload that fails its contract is dead-lettered and never reaches the handler.
 */
export class JsonBusTransport extends Server implements CustomTransportStrategy {
  private readonly subscriptions: Subscription[] = [];
  private readonly consumers: DurablePullConsumer[] = [];
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly bus: EventBus,
    private readonly jsm: JetStreamManager,
    private readonly config: BusConfig,
    private readonly log: Logger,
  ) {
    super();
  }

  private get nc(): NatsConnection {
    return this.bus.nc;
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      for (const [pattern, handler] of this.messageHandlers) {
        if (handler.isEventHandler && streamFor(pattern)) await this.consumeDurable(pattern, handler);
        else this.subscribeCore(pattern, handler);
      }
      callback();
    } catch (err) {
      callback(err);
    }
  }

  async close(): Promise<void> {
    for (const c of this.consumers) await c.stop().catch(() => undefined);
    for (const s of this.subscriptions) s.unsubscribe();
    await Promise.allSettled([...this.running]);
  }

  on(): never {
    throw new Error('JsonBusTransport does not emit transport events');
  }

  unwrap<T>(): T {
    return this.nc as T;
  }

  durableName(subject: string): string {
    return durableName(this.bus.service, subject);
  }

  private subscribeCore(pattern: string, handler: MessageHandler): void {
    // No queue group: core subjects (heartbeats, status) are broadcast — every replica needs them.
    const sub = this.nc.subscribe(pattern, {
      callback: (err, msg) => {
        if (err) return this.log.error({ err }, `subscription ${pattern} failed`);
        this.track(this.onCoreMessage(msg, handler));
      },
    });
    this.subscriptions.push(sub);
  }

  private async onCoreMessage(msg: Msg, handler: MessageHandler): Promise<void> {
    const consumer = `${this.bus.service}:core`;
    const parsed = parse(msg.subject, msg.data);
    if (!parsed.ok) {
      await this.bus.deadLetter(msg.subject, msg.data, parsed.error.message, consumer, msg.headers);
      if (msg.reply) msg.respond(Buffer.from(JSON.stringify({ error: parsed.error.message })));
      return;
    }
    const ctx = new BusContext([{ subject: msg.subject, headers: msg.headers, deliveryCount: 1, durable: false }]);
    try {
      const result = await settle(handler(parsed.event, ctx));
      if (msg.reply) msg.respond(Buffer.from(JSON.stringify(result ?? null)));
    } catch (err) {
      this.log.error({ err, metrics: { subject: msg.subject } }, `handler for ${msg.subject} failed`);
      if (msg.reply) msg.respond(Buffer.from(JSON.stringify({ error: (err as Error).message })));
    }
  }

  private async consumeDurable(subject: string, handler: MessageHandler): Promise<void> {
    const durable = this.durableName(subject);
    const consumer = new DurablePullConsumer(this.bus, this.jsm, this.config, this.log, {
      subject,
      maxMessages: 64,
      // No server-side limit: a delivery lost to a dead process's pull would use one up and JetStream would
      // then drop the message silently. The nak policy (delivery N) and the poison guard (first delivery to
      // a process after N) always end it, with a dead letter.
      consumerConfig: { max_deliver: -1 },
      mode: {
        kind: 'each',
        onError: 'nak',
        describeError: (m, err) => `handler failed on delivery ${m.info.redeliveryCount}: ${err.message}`,
        handle: (m) => this.onDurableMessage(m, handler, durable),
      },
    });
    await consumer.start();
    this.consumers.push(consumer);
  }

  /** Invalid: dead-lettered and terminated ('settled'); valid: handled (an error is the consumer's to nak). */
  private async onDurableMessage(m: JsMsg, handler: MessageHandler, durable: string): Promise<'settled' | void> {
    const parsed = parse(m.subject, m.data);
    if (!parsed.ok) {
      await this.bus.deadLetter(m.subject, m.data, parsed.error.message, durable, m.headers);
      m.term();
      return 'settled';
    }
    const ctx = new BusContext([{ subject: m.subject, headers: m.headers, deliveryCount: m.info.redeliveryCount, durable: true }]);
    await settle(handler(parsed.event, ctx));
  }

  private track(p: Promise<void>): void {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }
}

/** Handlers may return a value, a promise or an observable; wait for the final value. */
async function settle(result: unknown): Promise<unknown> {
  const value = await result;
  return isObservable(value) ? lastValueFrom(value, { defaultValue: undefined }) : value;
}
