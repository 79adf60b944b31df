import { AlertDeliveryEvent, Subjects, envelope } from '@polytrader/contracts';
import type { AlertStore, OutboxAlert } from '@polytrader/persistence';
import { AlertsConfig, BackoffPolicy, EventBus, TokenBucket, retryDelayMs } from '@polytrader/platform';
import type { Logger } from 'pino';
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
  readonly stats: DeliveryStats = { sent: 0, failed: 0, retries: 0, rateLimited: 0, chats: 0 };

  constructor(
    private readonly config: AlertsConfig,
    private readonly store: AlertStore,
    private readonly sender: MessageSender,
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {
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
    return { config: this.config, store: this.store, sender: this.sender, global: this.global, logger: this.logger };
  }

  /** @internal Records the outcome of one attempt. */
  async settle(alert: OutboxAlert, outcome: SendOutcome, chatBucket: TokenBucket): Promise<void> {
    const attempts = alert.attempts + 1;
    const now = Date.now();
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
    this.done = this.loop().catch((err) => {
      if (!this.worker.signal.aborted) this.worker.deps.logger.error({ err }, `delivery loop for chat ${this.chatId} failed`);
    });
  }

  nudge(): void {
    this.nudged = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    const { store, sender, global, logger } = this.worker.deps;
    const signal = this.worker.signal;
    while (!signal.aborted) {
      this.nudged = false;
      let head: OutboxAlert | null;
      try {
        head = await store.next(this.chatId);
      } catch (err) {
        logger.error({ err }, `outbox read for chat ${this.chatId} failed`);
        await this.idle(RETRY_BASE_MS);
        continue;
      }
      if (!head) {
        await this.idle(Infinity);
        continue;
      }
      const waitMs = Date.parse(head.nextAttemptAt) - Date.now();
      if (waitMs > 0) {
        await this.idle(waitMs);
        continue;
      }
      await this.bucket.take(signal);
      await global.take(signal);
      // A higher-priority alert (a kill) may have arrived while we waited for a token.
      const current = (await store.next(this.chatId)) ?? head;
      if (Date.parse(current.nextAttemptAt) > Date.now()) continue;
      const outcome = await sender.send({ chatId: current.chatId, text: current.text, silent: current.silent });
      await this.worker.settle(current, outcome, this.bucket);
    }
  }

  /** Waits up to ms, or until nudged (new alerts) or stopped. */
  private idle(ms: number): Promise<void> {
    if (this.nudged || this.worker.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.worker.signal.removeEventListener('abort', finish);
        this.wakeUp = null;
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(finish, ms) : undefined;
      this.wakeUp = finish;
      this.worker.signal.addEventListener('abort', finish, { once: true });
    });
  }
}
