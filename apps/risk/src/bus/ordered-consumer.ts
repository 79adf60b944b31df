import { parse, streamFor } from '@polytrader/contracts';
import { BusConfig, EventBus, durableName, ensureDurableConsumer } from '@polytrader/platform';
import { ConsumerMessages, JetStreamManager, JsMsg } from 'nats';
import type { Logger } from 'pino';

/** One valid message of a batch. */
export interface Delivery<T = unknown> {
  event: T;
  /** Stream sequence. */
  seq: number;
  /** Delivered before (redelivery or catch-up): it may have been handled already. */
  redelivered: boolean;
}

/**
 * Handles a batch; resolves once it is stored (the next batch may start), optionally with `published`,
 * which resolves once its events are on the bus — only then is the batch acknowledged.
 */
export type BatchHandler = (batch: Delivery[]) => Promise<{ published: Promise<void> } | void>;

type Pending = { seq: number; subject: string; data: Uint8Array; redelivered: boolean; term?: () => void };

export interface OrderedConsumerOptions {
  /** Messages handled (and stored) together at most. */
  maxBatch: number;
  /** Delivered but unacknowledged messages at most (the consumer's max_ack_pending): room for batches in flight. */
  maxAckPending?: number;
  /** First pause after a failed batch (doubles per failure, 30 s at most). */
  retryMs?: number;
}

/**
 * A JetStream durable consumer whose messages are handled strictly in stream order, in batches, even across
 * crashes and handler failures. Why not the platform transport: it pulls batches and naks with backoff, so
 * after a SIGKILL or an error a redelivery can come after newer messages — for risk, where every decision
 * depends on the ones before, the order must be the stream's.
 *
 * How: batches are handled one after another and acknowledged in order, so the consumer's ack floor is a
 * clean "done up to here". At start, and after a failed batch, what was delivered but not acknowledged
 * (ack floor < seq ≤ last delivered) is read back from the stream and handled FIRST; only then does the
 * durable consumer resume — its own redeliveries of those messages come later and the handler finds them
 * done (it must be idempotent by message: risk keys decisions by signal id). A message that fails
 * `bus.max_deliveries` times is dead-lettered; an invalid one at once — as the platform transport does.
 */
export class OrderedConsumer {
  private messages?: ConsumerMessages;
  private pump?: Promise<void>;
  private queue: JsMsg[] = [];
  private working = false;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private failures = new Map<number, number>();
  /** Dead-lettered sequences: acknowledged, never handled again (in this process). */
  private readonly skipped = new Set<number>();
  /** Everything up to here was handled by a catch-up: later deliveries of it are only acknowledged. */
  private handledUpTo = 0;
  /** A batch was stored but its events were not published: nothing more is acknowledged until a catch-up. */
  private broken = false;
  private readonly inflight = new Set<Promise<void>>();
  private retryMs: number;
  private handler!: BatchHandler;

  constructor(
    private readonly bus: EventBus,
    private readonly jsm: JetStreamManager,
    private readonly config: BusConfig,
    private readonly logger: Logger,
    readonly subject: string,
    private readonly options: OrderedConsumerOptions,
  ) {
    this.retryMs = options.retryMs ?? 250;
  }

  get durable(): string {
    return durableName(this.bus.service, this.subject);
  }

  private get stream(): string {
    const s = streamFor(this.subject)?.name;
    if (!s) throw new Error(`${this.subject} is not stored by any stream`);
    return s;
  }

  async start(handler: BatchHandler): Promise<void> {
    this.handler = handler;
    await ensureDurableConsumer(this.jsm, this.bus.service, this.subject, this.config, {
      max_deliver: -1, max_ack_pending: this.options.maxAckPending ?? this.options.maxBatch,
    });
    await this.resume();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.messages?.close().catch(() => undefined);
    await this.pump?.catch(() => undefined);
    while (this.working) await new Promise((r) => setTimeout(r, 5));
    await Promise.allSettled([...this.inflight]);
  }

  /** Catch up on what was delivered but never acknowledged, then consume. */
  private async resume(): Promise<void> {
    const info = await this.jsm.consumers.info(this.stream, this.durable);
    const floor = info.ack_floor.stream_seq;
    const last = info.delivered.stream_seq;
    this.broken = false;
    const pending: Pending[] = [];
    for (let seq = floor + 1; seq <= last; seq++) {
      if (this.skipped.has(seq)) continue;
      const m = await this.jsm.streams.getMessage(this.stream, { seq }).catch(() => null);
      if (m && m.subject === this.subject) pending.push({ seq: m.seq, subject: m.subject, data: m.data, redelivered: true });
    }
    if (pending.length) {
      this.logger.info({ metrics: { durable: this.durable, from: floor + 1, to: last, messages: pending.length } }, 'handling unacknowledged messages first');
      for (let i = 0; i < pending.length; i += this.options.maxBatch) {
        const handled = await this.run(pending.slice(i, i + this.options.maxBatch));
        if (handled === null) return;
        try {
          await handled.published;
        } catch (err) {
          return this.publishFailed(err as Error);
        }
      }
    }
    this.handledUpTo = Math.max(this.handledUpTo, last);
    const consumer = await this.bus.js.consumers.get(this.stream, this.durable);
    const messages = await consumer.consume({ max_messages: this.options.maxBatch });
    this.messages = messages;
    this.pump = (async () => {
      for await (const m of messages) {
        this.queue.push(m);
        void this.work();
      }
    })();
  }

  private async work(): Promise<void> {
    if (this.working) return;
    this.working = true;
    try {
      while (this.queue.length && !this.stopped && !this.broken) {
        const taken = this.queue.splice(0, this.options.maxBatch);
        const fresh: JsMsg[] = [];
        for (const m of taken) {
          // handled while catching up, or dead-lettered: acknowledge only
          if (m.seq <= this.handledUpTo || this.skipped.has(m.seq)) m.ack();
          else fresh.push(m);
        }
        if (fresh.length === 0) continue;
        const handled = await this.run(fresh.map((m) => ({ seq: m.seq, subject: m.subject, data: m.data, redelivered: m.redelivered, term: () => m.term() })));
        if (handled === null) return;
        // acknowledged once its events are on the bus; the next batch does not wait for that
        const acked = handled.published.then(() => {
          if (!this.broken) for (const m of fresh) m.ack();
        }, (err: Error) => this.publishFailed(err));
        this.inflight.add(acked);
        void acked.finally(() => this.inflight.delete(acked));
      }
    } finally {
      this.working = false;
    }
  }

  /**
   * Handles one batch in order. Resolves with the promise of its publication, or null when it failed
   * (consuming stopped, a retry is scheduled).
   */
  private async run(batch: Pending[]): Promise<{ published: Promise<void> } | null> {
    const deliveries: Delivery[] = [];
    for (const m of batch) {
      const parsed = parse(m.subject, m.data);
      if (parsed.ok) deliveries.push({ event: parsed.event, seq: m.seq, redelivered: m.redelivered });
      else {
        await this.bus.deadLetter(m.subject, m.data, parsed.error.message, this.durable);
        this.skip(m);
      }
    }
    if (deliveries.length === 0) return { published: Promise.resolve() };
    try {
      const result = await this.handler(deliveries);
      for (const d of deliveries) this.failures.delete(d.seq);
      this.retryMs = this.options.retryMs ?? 250;
      // wrapped: an async function returning a bare promise would wait for it
      return { published: result ? result.published : Promise.resolve() };
    } catch (err) {
      await this.failed(batch.find((m) => m.seq === deliveries[0].seq)!, batch.length, err as Error);
      return null;
    }
  }

  /** Stored but not published: stop, and catch up (the handler re-publishes what it finds stored). */
  private publishFailed(err: Error): void {
    if (this.broken) return;
    this.broken = true;
    this.queue = [];
    this.logger.warn({ err }, `publishing a handled batch of ${this.subject} failed; catching up`);
    void this.messages?.close().catch(() => undefined);
    this.messages = undefined;
    const retry = (e: Error): void => {
      // the bus that refused the publish may refuse the catch-up too: keep trying, with the growing pause
      this.logger.error({ err: e }, `cannot resume ${this.durable}; retrying`);
      this.scheduleResume(retry);
    };
    this.scheduleResume(retry);
  }

  /** After the current pause (it doubles, 30 s at most) and once nothing is in flight: catch up and consume again. */
  private scheduleResume(onError: (err: Error) => void): void {
    const pause = this.retryMs;
    this.retryMs = Math.min(30_000, this.retryMs * 2);
    this.retryTimer = setTimeout(() => {
      if (this.stopped) return;
      void this.afterIdle(() => this.resume()).catch((e) => onError(e as Error));
    }, pause);
  }

  private async afterIdle(fn: () => Promise<void>): Promise<void> {
    while (this.working || this.inflight.size) {
      await Promise.allSettled([...this.inflight]);
      await new Promise((r) => setTimeout(r, 5));
    }
    if (!this.stopped) await fn();
  }

  private skip(m: Pending): void {
    this.skipped.add(m.seq);
    m.term?.();
  }

  /** Stop consuming, drop what is queued (unacknowledged: it is caught up in order), retry after a pause. */
  private async failed(first: Pending, size: number, err: Error): Promise<void> {
    this.queue = [];
    const count = (this.failures.get(first.seq) ?? 0) + 1;
    this.failures.set(first.seq, count);
    await this.messages?.close().catch(() => undefined);
    this.messages = undefined;
    if (count >= this.config.max_deliveries) {
      // The oldest message keeps failing: file it so the stream can move on (the rest is retried).
      await this.bus.deadLetter(first.subject, first.data, `handler failed ${count} times: ${err.message}`, this.durable);
      this.skip(first);
      this.failures.delete(first.seq);
    } else {
      this.logger.warn({ err, metrics: { subject: this.subject, seq: first.seq, attempt: count } }, `handler failed on a batch of ${size}; retrying in order`);
    }
    this.scheduleResume((e) => {
      this.logger.error({ err: e }, `cannot resume ${this.durable}; retrying`);
      void this.failed(first, size, e);
    });
  }
}
