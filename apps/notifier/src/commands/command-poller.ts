import type { NewAlert, TelegramOffset } from '@polytrader/persistence';
import type { SecretScrubber } from '@polytrader/platform';
import type { Logger } from 'pino';
import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { IncomingText } from './commands';

/** Handles one text message; resolves with the outbox rows of its reply (none: say nothing). */
export type OnText = (update: IncomingText & { updateId: number }) => Promise<readonly NewAlert[]>;

/** Where the offset is kept (TelegramOffsetStore): stored in the transaction that queues the replies. */
export interface OffsetStore {
  read(botId: string): Promise<TelegramOffset | null>;
  handled(botId: string, nextOffset: number, replies: readonly NewAlert[]): Promise<void>;
}

const LONG_POLL_S = 25;
const RETRY_MS = 5000;
/**
 * Telegram keeps an unconfirmed update 24 h, and after a week without updates it may number the next one
 * at random (lower than ours): a stored offset older than this protects nothing and could skip every new update.
 */
const OFFSET_TRUST_MS = 24 * 3600 * 1000;

/**
 * The one getUpdates poller of the system (two pollers of one token conflict at Telegram): a long-poll
 * loop of our own, so stop() is immediate and a failure (Telegram unreachable, 409 conflict) is retried
 * without ever blocking start-up. The offset is stored in the database (per bot) in the transaction that
 * queues the update's reply, and read back at start: a restart neither replays nor skips an update.
 * Every error it logs is scrubbed of the token (telegraf's network errors carry the URL).
 */
export class CommandPoller {
  private readonly abort = new AbortController();
  private offset = 0;
  private loop: Promise<void> | null = null;
  private readonly botId: string;

  constructor(
    private readonly bot: Telegraf,
    private readonly onText: OnText,
    private readonly offsets: OffsetStore,
    private readonly wake: (chatIds: readonly string[]) => void,
    private readonly scrub: SecretScrubber,
    private readonly logger: Logger,
  ) {
    this.botId = bot.telegram.token.split(':')[0] || 'bot';
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** The offset the next getUpdates asks for. */
  get nextOffset(): number {
    return this.offset;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    // Confirm what was handled, as telegraf does on stop; short, and harmless when Telegram is away.
    if (this.offset > 0) await this.getUpdates({ offset: this.offset, limit: 1, timeout: 0 }, AbortSignal.timeout(2000)).catch(() => undefined);
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted && !(await this.restoreOffset())) await this.pause(signal);
    while (!signal.aborted) {
      try {
        const updates = await this.getUpdates({ offset: this.offset, timeout: LONG_POLL_S, allowed_updates: ['message'] }, signal);
        for (const update of updates) {
          if (signal.aborted) return;
          await this.handle(update);
        }
      } catch (err) {
        if (signal.aborted) return;
        const code = (err as { response?: { error_code?: number } }).response?.error_code;
        const why = code === 409 ? 'another process polls this bot token (only the notifier may)' : this.scrub.message(err);
        this.logger.error({ err: this.scrub.error(err) }, `Telegram getUpdates failed: ${why}; retrying in ${RETRY_MS / 1000} s`);
        await this.pause(signal);
      }
    }
  }

  /** Reads the stored offset; false when the database cannot say (polling from 0 then could replay commands). */
  private async restoreOffset(): Promise<boolean> {
    try {
      const stored = await this.offsets.read(this.botId);
      if (stored && Date.now() - Date.parse(stored.updatedAt) <= OFFSET_TRUST_MS) {
        this.offset = stored.nextOffset;
        this.logger.info({ metrics: { offset: this.offset } }, `Telegram updates resume at offset ${this.offset}`);
      } else if (stored) {
        this.logger.info({ metrics: { offset: stored.nextOffset, updatedAt: stored.updatedAt } }, 'stored Telegram offset is over 24 h old: not used (Telegram keeps updates 24 h)');
      }
      return true;
    } catch (err) {
      this.logger.error({ err: this.scrub.error(err) }, `cannot read the stored Telegram offset; commands wait, retrying in ${RETRY_MS / 1000} s`);
      return false;
    }
  }

  /** Handles one update and stores the next offset with its reply; a store that fails is retried, never skipped. */
  private async handle(update: Update): Promise<void> {
    let rows: readonly NewAlert[] = [];
    const message = (update as { message?: { chat?: { id?: unknown }; from?: { id?: unknown }; text?: unknown; date?: unknown } }).message;
    const chatId = message?.chat?.id;
    if (typeof chatId !== 'number') {
      this.logger.warn({ metrics: { updateId: update.update_id } }, 'update without a chat ignored');
    } else if (typeof message?.text === 'string') {
      try {
        rows = await this.onText({
          updateId: update.update_id, chatId, fromId: typeof message.from?.id === 'number' ? message.from.id : undefined, text: message.text,
          ...(typeof message.date === 'number' ? { date: message.date } : {}),
        });
      } catch (err) {
        this.logger.error({ err: this.scrub.error(err), metrics: { updateId: update.update_id } }, `command handling failed: ${this.scrub.message(err)}`);
      }
    }
    const next = update.update_id + 1;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.offsets.handled(this.botId, next, rows);
        break;
      } catch (err) {
        if (this.abort.signal.aborted) throw err;
        this.logger.error({ err: this.scrub.error(err), metrics: { updateId: update.update_id, attempt } }, `cannot store Telegram offset ${next}; retrying`);
        await this.pause(this.abort.signal, Math.min(RETRY_MS, 250 * 2 ** attempt));
      }
    }
    this.offset = next;
    if (rows.length) this.wake(rows.map((r) => r.chatId));
  }

  private pause(signal: AbortSignal, ms = RETRY_MS): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }

  private getUpdates(payload: { offset: number; limit?: number; timeout: number; allowed_updates?: string[] }, signal: AbortSignal): Promise<Update[]> {
    return this.bot.telegram.callApi('getUpdates', payload as never, { signal: signal as never }) as Promise<Update[]>;
  }
}
