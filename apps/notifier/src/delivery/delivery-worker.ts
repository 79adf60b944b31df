import { AlertDeliveryEvent, Subjects, envelope } from '@polytrader/contracts';
import type { AlertStore, OutboxAlert } from '@polytrader/persistence';
import { AlertsConfig, BackoffPolicy, EventBus, ServiceMetrics, StageTimer, StageTimingBuffer, TokenBucket, retryDelayMs } from '@polytrader/platform';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { OutgoingMessage, SendOutcome } from './telegram-api';

export interface MessageSender {
  send(m: OutgoingMessage): Promise<SendOutcome>;
}

export interface DeliveryStats {
  sent: number;
  failed: number;
  retries: number;
  rateLimited: number;
  chats: number;
  /** chats whose delivery loop is failing (store errors): read by the notifier's heartbeat status */
  problems: DeliveryProblem[];
}

/** A chat whose delivery loop keeps failing; cleared when a message is delivered again (or its queue reads empty). */
export interface DeliveryProblem {
  chatId: string;
  /** the last error */
  error: string;
  /** consecutive failures */
  failures: number;
  since: string;
}

/** How often the outbox is swept for chats nobody woke (rows queued by another path, a lost wake-up). */
const SWEEP_MS = 5000;
const RETRY_BASE_MS = 1000;

/**
 * Delivers the outbox to Telegram: one loop per chat (its queue in priority, then arrival order, one
 * message at a time), a token bucket per chat (`alerts.per_chat_per_second`) and one for the bot
 * (`alerts.global_per_second`). A 429 holds the chat for `retry_after`; network errors and 5xx retry
 * with exponential backoff capped at `alerts.max_backoff_s`, without end; other 4xx are final. The
 * final outcome moves the alert from the outbox to `alerts` and is published as alert.sent/alert.failed.
 * stop() lets a send on the wire finish and be recorded, so a restart neither loses nor repeats it.
 */
export class DeliveryWorker {
  private readonly loops = new Map<string, ChatLoop>();
  private readonly global: TokenBucket;
  private readonly abort = new AbortController();
  private readonly retryPolicy: BackoffPolicy;
  private sweepTimer?: NodeJS.Timeout;
  private readonly chatProblems = new Map<string, DeliveryProblem>();
  readonly stats: DeliveryStats = { sent: 0, failed: 0, retries: 0, rateLimited: 0, chats: 0, problems: [] };
  private readonly attempts?: Counter<'kind' | 'outcome'>;

  constructor(
    private readonly config: AlertsConfig,
    private readonly store: AlertStore,
    private readonly sender: MessageSender,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly metrics?: ServiceMetrics,
    /** stage timings of each delivery attempt (cycle `notify`), written by the buffer once per interval */
    private readonly timings?: StageTimingBuffer,
  ) {
    this.attempts = metrics?.counter('polytrader_alert_deliveries_total',
      'Telegram delivery attempts by alert kind and outcome: sent, failed (given up), rate_limited or retry (tried again later)', ['kind', 'outcome']);
    this.global = new TokenBucket(config.global_per_second, Math.max(1, Math.floor(config.global_per_second)));
    this.retryPolicy = { baseMs: RETRY_BASE_MS, maxMs: config.max_backoff_s * 1000 };
  }

  async start(): Promise<void> {
    await this.sweep();
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweepTimer.unref();
  }

  /** New alerts for these chats: start or nudge their loops. */
  wake(chatIds: readonly string[]): void {
    if (this.abort.signal.aborted) return;
    for (const chatId of chatIds) {
      let loop = this.loops.get(chatId);
      if (!loop) {
        loop = new ChatLoop(chatId, this);
        this.loops.set(chatId, loop);
        this.stats.chats = this.loops.size;
        loop.run();
      }
      loop.nudge();
    }
  }

  /** Chats whose delivery is failing now (also in `stats.problems`, which the heartbeat status shows). */
  problems(): DeliveryProblem[] {
    return [...this.chatProblems.values()].map((p) => ({ ...p }));
  }

  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.abort.abort(new Error('notifier stopping'));
    await Promise.allSettled([...this.loops.values()].map((l) => l.done));
  }

  private async sweep(): Promise<void> {
    try {
      this.wake(await this.store.pendingChats());
    } catch (err) {
      this.logger.error({ err }, 'outbox sweep failed');
    }
  }

  /** @internal for ChatLoop */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** @internal */
  get deps() {
    return {
      config: this.config, store: this.store, sender: this.sender, global: this.global, logger: this.logger, retryPolicy: this.retryPolicy,
      metrics: this.metrics, timings: this.timings,
    };
  }

  /** @internal A chat's loop failed `failures` times in a row. */
  reportProblem(chatId: string, err: unknown, failures: number): void {
    const error = err instanceof Error ? err.message : String(err);
    const since = this.chatProblems.get(chatId)?.since ?? new Date().toISOString();
    this.chatProblems.set(chatId, { chatId, error, failures, since });
    this.stats.problems = this.problems();
  }

  /** @internal A chat's loop works again. */
  clearProblem(chatId: string): void {
    if (!this.chatProblems.delete(chatId)) return;
    this.stats.problems = this.problems();
    this.logger.info({ metrics: { chat: chatId } }, `delivery to chat ${chatId} works again`);
  }

  /** @internal A loop that ended leaves the registry, so the next wake() starts a new one. */
  unregister(chatId: string, loop: ChatLoop): void {
    if (this.loops.get(chatId) !== loop) return;
    this.loops.delete(chatId);
    this.stats.chats = this.loops.size;
  }

  /** @internal Records the outcome of one attempt. */
  async settle(alert: OutboxAlert, outcome: SendOutcome, chatBucket: TokenBucket): Promise<void> {
    const attempts = alert.attempts + 1;
    const now = Date.now();
    this.attempts?.inc({ kind: alert.kind, outcome: outcome.kind });
    if (outcome.kind === 'sent' || outcome.kind === 'failed') {
      const error = outcome.kind === 'failed' ? outcome.error : null;
      if (error === null) {
        this.stats.sent++;
      } else {
        this.stats.failed++;
        this.logger.error({ metrics: { alert: alert.alertId, attempts } }, `alert ${alert.alertId} cannot be delivered: ${error}`);
      }
      await this.store.complete({ alertId: alert.alertId, kind: alert.kind, chatId: alert.chatId, status: outcome.kind, attempts, error, ts: new Date(now).toISOString() });
      await this.publish(error === null ? Subjects.AlertSent : Subjects.AlertFailed, alert, attempts, error ?? undefined);
      return;
    }
    let delayMs: number;
    if (outcome.kind === 'rate_limited') {
      this.stats.rateLimited++;
      delayMs = outcome.retryAfterS * 1000;
      chatBucket.pauseFor(delayMs);
      this.logger.warn({ metrics: { chat: alert.chatId, retryAfterS: outcome.retryAfterS } }, `Telegram rate limit for chat ${alert.chatId}: waiting ${outcome.retryAfterS} s`);
    } else {
      this.stats.retries++;
      delayMs = retryDelayMs(attempts, this.retryPolicy, null);
      this.logger.warn({ metrics: { alert: alert.alertId, attempts, delayMs: Math.round(delayMs) } }, `alert ${alert.alertId} not delivered (${outcome.error}); retrying`);
    }
    await this.store.defer(alert.alertId, attempts, new Date(now + delayMs).toISOString(), outcome.error);
  }

  private async publish(subject: string, alert: OutboxAlert, attempts: number, error?: string): Promise<void> {
    const event: AlertDeliveryEvent = {
      ...envelope('notifier'), id: `${subject}:${alert.alertId}`, alertId: alert.alertId, kind: alert.kind, chatId: alert.chatId, attempts,
      ...(error !== undefined ? { error } : {}),
    };
    try {
      await this.bus.publish(subject, event);
    } catch (err) {
      // The record is in the database already; the bus event is the notice of it.
      this.logger.warn({ err, metrics: { alert: alert.alertId } }, `could not publish ${subject}`);
    }
  }
}

/** One chat's queue, delivered one message at a time. */
class ChatLoop {
  readonly bucket: TokenBucket;
  done: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private nudged = false;

  constructor(private readonly chatId: string, private readonly worker: DeliveryWorker) {
    this.bucket = new TokenBucket(worker.deps.config.per_chat_per_second, 1);
  }

  run(): void {
    this.done = this.loop()
      .catch((err) => {
        if (!this.worker.signal.aborted) {
          this.worker.deps.logger.error({ err }, `delivery loop for chat ${this.chatId} failed`);
          this.worker.reportProblem(this.chatId, err, 1);
        }
      })
      .finally(() => this.worker.unregister(this.chatId, this));
  }

  nudge(): void {
    this.nudged = true;
    this.wakeUp?.();
  }

  /**
   * Delivers until stopped. A failing step (reading the outbox, recording an outcome) is retried with
   * exponential backoff capped at `alerts.max_backoff_s` and reported as a problem until it works again:
   * the loop never ends on an error, so the chat is not left without alerts.
   */
  private async loop(): Promise<void> {
    const signal = this.worker.signal;
    let failures = 0;
    while (!signal.aborted) {
      this.nudged = false;
      try {
        await this.step();
        if (failures > 0) {
          failures = 0;
          this.worker.clearProblem(this.chatId);
        }
      } catch (err) {
        if (signal.aborted) return;
        failures++;
        const delayMs = retryDelayMs(failures, this.worker.deps.retryPolicy, null);
        this.worker.deps.logger.error({ err, metrics: { chat: this.chatId, failures, delayMs: Math.round(delayMs) } },
          `delivery to chat ${this.chatId} failed (${failures} in a row); retrying`);
        this.worker.reportProblem(this.chatId, err, failures);
        await this.idle(delayMs, false);
      }
    }
  }

  /** One turn: the head of the queue is sent and settled, or we wait for it (or for new alerts). */
  private async step(): Promise<void> {
    const { store, sender, global } = this.worker.deps;
    const signal = this.worker.signal;
    const head = await store.next(this.chatId);
    if (!head) {
      this.worker.clearProblem(this.chatId);
      await this.idle(Infinity);
      return;
    }
    const waitMs = Date.parse(head.nextAttemptAt) - Date.now();
    if (waitMs > 0) {
      await this.idle(waitMs);
      return;
    }
    await this.bucket.take(signal);
    await global.take(signal);
    // A higher-priority alert (a kill) may have arrived while we waited for a token.
    const current = (await store.next(this.chatId)) ?? head;
    if (Date.parse(current.nextAttemptAt) > Date.now()) return;
    // one "cycle" per delivery attempt: deliver (the Telegram call), settle (outbox → alerts, alert.sent/failed)
    const { metrics, timings } = this.worker.deps;
    const timer = new StageTimer({ service: 'notifier', cycle: 'notify', cycleId: `${current.alertId}#${current.attempts + 1}`, metrics });
    const outcome = await timer.time('deliver', () => sender.send({ chatId: current.chatId, text: current.text, silent: current.silent }));
    await timer.time('settle', () => this.worker.settle(current, outcome, this.bucket));
    timings?.add(timer.finish(outcome.kind === 'sent' ? 'ok' : 'failed'));
  }

  /** Waits up to ms, or until nudged (new alerts; unless `nudgeable` is false, as for a backoff) or stopped. */
  private idle(ms: number, nudgeable = true): Promise<void> {
    if ((nudgeable && this.nudged) || this.worker.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.worker.signal.removeEventListener('abort', finish);
        this.wakeUp = null;
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(finish, ms) : undefined;
      this.wakeUp = nudgeable ? finish : null;
      this.worker.signal.addEventListener('abort', finish, { once: true });
    });
  }
}
