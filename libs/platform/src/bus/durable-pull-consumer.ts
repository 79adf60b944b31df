import { parse, streamFor } from '@polytrader/contracts';
import { ConsumerConfig, ConsumerMessages, JetStreamManager, JsMsg } from 'nats';
import type { Logger } from 'pino';
import type { BusConfig } from '../config/sections';
import { durableName, ensureDurableConsumer } from './durable-consumer';
import { EventBus } from './event-bus';

/** Pause before retry `n` (0-based): 250 ms·2^n, 30 s at most — the one backoff formula of the bus. */
export function backoffMs(n: number, baseMs = 250): number {
  return Math.min(30_000, baseMs * 2 ** Math.max(0, n));
}

/** One valid message of a batch (ordered mode). */
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

/**
 * Handles one message. Resolve to acknowledge it ('settled': the handler acked or terminated it itself);
 * throw to apply the consumer's `onError` policy.
 */
export type JsMessageHandler = (m: JsMsg) => Promise<'settled' | void>;

export type DurableMode =
  | {
      readonly kind: 'each';
      readonly handle: JsMessageHandler;
      /**
       * 'nak': nak with backoffMs(delivery) and dead-letter once the handler failed on delivery
       * `bus.max_deliveries` (the Nest transport). 'retry': keep the message and retry it in place with
       * backoffMs(attempt) until it succeeds (never dropped, and the delivery count still counts only
       * deliveries that ended without an outcome).
       */
      readonly onError: 'nak' | 'retry';
      /** For log lines: what a failure means. */
      readonly describeError?: (m: JsMsg, err: Error) => string;
    }
  | {
      /** Strictly in stream order, in batches of at most `maxMessages`, even across crashes and failures. */
      readonly kind: 'ordered-batch';
      readonly handle: BatchHandler;
      /** First pause after a failed batch (doubles per failure, 30 s at most); default 250 ms. */
      readonly retryMs?: number;
    };

export interface DurablePullConsumerOptions {
  readonly subject: string;
  /** Messages pulled at once; in ordered mode also the largest batch. */
  readonly maxMessages: number;
  /** Consumer settings when it is created (delivery limits, max_ack_pending). */
  readonly consumerConfig?: Partial<ConsumerConfig>;
  /** Earlier deliveries after which a message is dead-lettered without being handled again (default bus.max_deliveries). */
  readonly maxDeliveries?: number;
  readonly mode: DurableMode;
}

type Pending = { seq: number; subject: string; data: Uint8Array; redelivered: boolean; term?: () => void };

/** Prefix of the consumer description that records catch-up attempts (ordered mode): survives a crash. */
const ATTEMPTS_PREFIX = 'polytrader-catchup-attempts:';
/** Marks a dead-lettered sequence in the attempts record. */
const DEAD = -1;

/**
 * The one durable JetStream pull consumer of the system (`<service>__<subject>`): the Nest transport, risk's
 * ordered intake and the notifier's control alerts all consume through it.
 *
 * Poison messages: a message whose delivery count shows `maxDeliveries` earlier deliveries is dead-lettered
 * and terminated BEFORE it is handled again. Earlier deliveries that ended in a handler error are already
 * dealt with by the error policy, so what reaches this guard is a message whose deliveries ended without an
 * outcome — typically the process died handling it: a payload that crashes the process cannot crash-loop it.
 * In ordered mode, what a restart handles first comes from the stream rather than as a delivery, so those
 * attempts are counted in the consumer's description (durable, one consumer update per catch-up batch);
 * once a batch was interrupted its messages are retried one at a time, so the count names the culprit.
 *
 * Ordered mode (risk): batches are handled one after another and acknowledged in order, so the consumer's
 * ack floor is a clean "done up to here". At start, and after a failed batch, what was delivered but not
 * acknowledged (ack floor < seq ≤ last delivered) is read back from the stream and handled FIRST; only then
 * does the durable consumer resume — its own redeliveries of those messages come later and are only
 * acknowledged (the handler must be idempotent by message). A batch failing `bus.max_deliveries` times on
 * its oldest message dead-letters that message; an invalid message is dead-lettered at once.
 */
export class DurablePullConsumer {
  readonly durable: string;
  readonly stream: string;
  private readonly maxDeliveries: number;
  private messages?: ConsumerMessages;
  private pump?: Promise<void>;
  private stopped = false;
  private readonly inflight = new Set<Promise<void>>();
  private readonly waits = new Set<() => void>();
  /** Sequences delivered to this process (the most recent 10,000). */
  private readonly seenHere = new Set<number>();

  // ordered mode
  private queue: JsMsg[] = [];
  private working = false;
  private retryTimer?: NodeJS.Timeout;
  private retryMs: number;
  private failures = new Map<number, number>();
  /** Dead-lettered sequences: acknowledged, never handled again. */
  private readonly skipped = new Set<number>();
  /** Everything up to here was handled by a catch-up: later deliveries of it are only acknowledged. */
  private handledUpTo = 0;
  /** A batch was stored but its events were not published: nothing more is acknowledged until a catch-up. */
  private broken = false;
  private attempts = new Map<number, number>();
  private description = '';

  constructor(
    private readonly bus: EventBus,
    private readonly jsm: JetStreamManager,
    private readonly config: Pick<BusConfig, 'ack_wait_s' | 'max_deliveries'>,
    private readonly logger: Logger,
    private readonly options: DurablePullConsumerOptions,
  ) {
    const stream = streamFor(options.subject)?.name;
    if (!stream) throw new Error(`${options.subject} is not stored by any stream`);
    this.stream = stream;
    this.durable = durableName(bus.service, options.subject);
    this.maxDeliveries = options.maxDeliveries ?? config.max_deliveries;
    this.retryMs = this.baseRetryMs;
  }

  get subject(): string {
    return this.options.subject;
  }

  private get baseRetryMs(): number {
    return this.options.mode.kind === 'ordered-batch' ? this.options.mode.retryMs ?? 250 : 250;
  }

  async start(): Promise<void> {
    await ensureDurableConsumer(this.jsm, this.bus.service, this.subject, this.config, this.options.consumerConfig);
    if (this.options.mode.kind === 'ordered-batch') await this.resume();
    else await this.consume();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    for (const wake of this.waits) wake();
    await this.messages?.close().catch(() => undefined);
    await this.pump?.catch(() => undefined);
    while (this.working) await sleep(5);
    await Promise.allSettled([...this.inflight]);
  }

  /**
   * Delivered `maxDeliveries` times before without an outcome: dead-letter and terminate, do not handle.
   * Only on the first delivery of a sequence to this process: a redelivery while we still hold the message
   * (a nak, or ack_wait passing while it waits in a backlog) is not a death, the error policy owns it.
   */
  private async guard(m: JsMsg): Promise<boolean> {
    if (this.seenHere.has(m.seq)) return false;
    this.seenHere.add(m.seq);
    if (this.seenHere.size > 10_000) this.seenHere.delete(this.seenHere.values().next().value as number);
    const earlier = m.info.redeliveryCount - 1;
    if (earlier < this.maxDeliveries) return false;
    await this.bus.deadLetter(m.subject, m.data,
      `delivered ${earlier} times before without being acknowledged (the process may have died handling it); not handled again`,
      this.durable, m.headers);
    m.term();
    return true;
  }

  // ---- each mode ------------------------------------------------------------------------------------

  private async consume(): Promise<void> {
    const consumer = await this.bus.js.consumers.get(this.stream, this.durable);
    const messages = await consumer.consume({ max_messages: this.options.maxMessages });
    this.messages = messages;
    if (this.options.mode.kind === 'each') {
      const mode = this.options.mode;
      this.pump = (async () => {
        for await (const m of messages) {
          const p = this.onEach(m, mode);
          this.track(p);
          await p;
        }
      })();
    } else {
      this.pump = (async () => {
        for await (const m of messages) {
          this.queue.push(m);
          void this.work();
        }
      })();
    }
  }

  private async onEach(m: JsMsg, mode: Extract<DurableMode, { kind: 'each' }>): Promise<void> {
    if (await this.guard(m)) return;
    for (let attempt = 0; ; attempt++) {
      try {
        if ((await mode.handle(m)) !== 'settled') m.ack();
        return;
      } catch (err) {
        const deliveryCount = m.info.redeliveryCount;
        const what = mode.describeError?.(m, err as Error) ?? `handler for ${m.subject} failed: ${(err as Error).message}`;
        if (mode.onError === 'nak') {
          if (deliveryCount >= this.config.max_deliveries) {
            await this.bus.deadLetter(m.subject, m.data, `handler failed on delivery ${deliveryCount}: ${(err as Error).message}`, this.durable, m.headers);
            m.term();
          } else {
            this.logger.warn({ err, metrics: { subject: m.subject, deliveryCount } }, what);
            m.nak(backoffMs(deliveryCount));
          }
          return;
        }
        this.logger.error({ err, metrics: { subject: m.subject, seq: m.seq, attempt: attempt + 1 } }, `${what}; retrying`);
        if (!(await this.holdFor(m, backoffMs(attempt)))) return; // stopping: redelivered later
      }
    }
  }

  /** Waits `ms` keeping the message ours (progress acks within ack_wait); false when stopping. */
  private async holdFor(m: JsMsg, ms: number): Promise<boolean> {
    const tick = Math.max(100, (this.config.ack_wait_s * 1000) / 3);
    for (let left = ms; left > 0 && !this.stopped; left -= tick) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(t);
          this.waits.delete(done);
          resolve();
        };
        const t = setTimeout(done, Math.min(left, tick));
        this.waits.add(done);
      });
      if (!this.stopped) m.working();
    }
    return !this.stopped;
  }

  // ---- ordered-batch mode ---------------------------------------------------------------------------

  private get batchHandler(): BatchHandler {
    return (this.options.mode as Extract<DurableMode, { kind: 'ordered-batch' }>).handle;
  }

  /** Catch up on what was delivered but never acknowledged, then consume. */
  private async resume(): Promise<void> {
    const info = await this.jsm.consumers.info(this.stream, this.durable);
    const floor = info.ack_floor.stream_seq;
    const last = info.delivered.stream_seq;
    this.broken = false;
    this.loadAttempts(info.config.description ?? '', floor);
    const pending: Pending[] = [];
    for (let seq = floor + 1; seq <= last; seq++) {
      if (this.skipped.has(seq)) continue;
      const m = await this.jsm.streams.getMessage(this.stream, { seq }).catch(() => null);
      if (m && m.subject === this.subject) pending.push({ seq: m.seq, subject: m.subject, data: m.data, redelivered: true });
    }
    if (pending.length) {
      this.logger.info({ metrics: { durable: this.durable, from: floor + 1, to: last, messages: pending.length } }, 'handling unacknowledged messages first');
      let i = 0;
      while (i < pending.length) {
        // Once interrupted (a crash), one at a time: the attempt count then names the message at fault.
        const size = pending.slice(i, i + this.options.maxMessages).some((p) => (this.attempts.get(p.seq) ?? 0) > 0) ? 1 : this.options.maxMessages;
        const batch = pending.slice(i, i + size);
        i += size;
        const runnable: Pending[] = [];
        for (const p of batch) {
          const earlier = this.attempts.get(p.seq) ?? 0;
          if (earlier >= this.maxDeliveries) {
            await this.bus.deadLetter(p.subject, p.data, `handled ${earlier} times before without an outcome (the process may have died handling it); not handled again`, this.durable);
            this.skipped.add(p.seq);
            this.attempts.set(p.seq, DEAD);
          } else {
            this.attempts.set(p.seq, earlier + 1);
            runnable.push(p);
          }
        }
        await this.saveAttempts();
        if (runnable.length === 0) continue;
        const handled = await this.run(runnable);
        if (handled === null) {
          // a handler error, not an interruption: the failure count deals with it
          for (const p of runnable) if (this.attempts.get(p.seq) !== DEAD) this.attempts.set(p.seq, (this.attempts.get(p.seq) ?? 1) - 1);
          for (const [seq, n] of this.attempts) if (n === 0) this.attempts.delete(seq);
          await this.saveAttempts().catch(() => undefined);
          return;
        }
        try {
          await handled.published;
        } catch (err) {
          return this.publishFailed(err as Error);
        }
        for (const p of runnable) if (this.attempts.get(p.seq) !== DEAD) this.attempts.delete(p.seq);
        await this.saveAttempts();
      }
    }
    this.handledUpTo = Math.max(this.handledUpTo, last);
    await this.consume();
  }

  private loadAttempts(description: string, floor: number): void {
    this.description = description;
    this.attempts = new Map();
    if (!description.startsWith(ATTEMPTS_PREFIX)) return;
    try {
      const record = JSON.parse(description.slice(ATTEMPTS_PREFIX.length)) as Record<string, number>;
      for (const [k, v] of Object.entries(record)) {
        const seq = Number(k);
        if (!Number.isInteger(seq) || seq <= floor || typeof v !== 'number') continue;
        this.attempts.set(seq, v);
        if (v === DEAD) this.skipped.add(seq);
      }
    } catch {
      this.logger.warn({ metrics: { durable: this.durable } }, 'unreadable catch-up attempts record; starting afresh');
    }
  }

  /** Stores the attempts record in the consumer's description (only when it changed). */
  private async saveAttempts(): Promise<void> {
    const record = Object.fromEntries([...this.attempts].slice(-200));
    const description = Object.keys(record).length ? `${ATTEMPTS_PREFIX}${JSON.stringify(record)}` : '';
    if (description === this.description) return;
    await this.jsm.consumers.update(this.stream, this.durable, { description });
    this.description = description;
  }

  private async work(): Promise<void> {
    if (this.working) return;
    this.working = true;
    try {
      while (this.queue.length && !this.stopped && !this.broken) {
        const taken = this.queue.splice(0, this.options.maxMessages);
        const fresh: JsMsg[] = [];
        for (const m of taken) {
          // handled while catching up, or dead-lettered: acknowledge only
          if (m.seq <= this.handledUpTo || this.skipped.has(m.seq)) m.ack();
          else if (await this.guard(m)) this.skipped.add(m.seq);
          else fresh.push(m);
        }
        if (fresh.length === 0) continue;
        const handled = await this.run(fresh.map((m) => ({ seq: m.seq, subject: m.subject, data: m.data, redelivered: m.redelivered, term: () => m.term() })));
        if (handled === null) return;
        // acknowledged once its events are on the bus; the next batch does not wait for that
        const acked = handled.published.then(() => {
          if (!this.broken) for (const m of fresh) m.ack();
        }, (err: Error) => this.publishFailed(err));
        this.track(acked);
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
      const result = await this.batchHandler(deliveries);
      for (const d of deliveries) this.failures.delete(d.seq);
      this.retryMs = this.baseRetryMs;
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
      await sleep(5);
    }
    if (!this.stopped) await fn();
  }

  private skip(m: Pending): void {
    this.skipped.add(m.seq);
    this.attempts.set(m.seq, DEAD);
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

  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
