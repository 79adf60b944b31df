import type { Logger } from 'pino';
import { Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import type { Update } from 'telegraf/types';

export type OnText = (update: { updateId: number; chatId: number; fromId: number | undefined; text: string }) => Promise<void>;

const LONG_POLL_S = 25;
const RETRY_MS = 5000;

/**
 * The one getUpdates poller of the system (two pollers of one token conflict at Telegram): a long-poll
 * loop of our own around telegraf's update handling, so that stop() is immediate and a failure
 * (Telegram unreachable, 409 conflict) is retried without ever blocking start-up. An update is
 * confirmed to Telegram (next offset) only after it was handled — its reply queued — so a command is
 * neither lost nor answered twice across a restart.
 */
export class CommandPoller {
  private readonly abort = new AbortController();
  private offset = 0;
  private loop: Promise<void> | null = null;

  constructor(private readonly bot: Telegraf, private readonly onText: OnText, private readonly logger: Logger) {
    bot.on(message('text'), async (ctx) => {
      const chatId = ctx.message.chat?.id;
      if (typeof chatId !== 'number') {
        this.logger.warn({ metrics: { updateId: ctx.update.update_id } }, 'update without a chat ignored');
        return;
      }
      await this.onText({ updateId: ctx.update.update_id, chatId, fromId: ctx.message.from?.id, text: ctx.message.text });
    });
    bot.catch((err) => this.logger.error({ err }, 'command handling failed'));
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    // Confirm what was handled, as telegraf does on stop; short, and harmless when Telegram is away.
    if (this.offset > 0) await this.getUpdates({ offset: this.offset, limit: 1, timeout: 0 }, AbortSignal.timeout(2000)).catch(() => undefined);
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        const updates = await this.getUpdates({ offset: this.offset, timeout: LONG_POLL_S, allowed_updates: ['message'] }, signal);
        for (const update of updates) {
          await this.bot.handleUpdate(update);
          this.offset = update.update_id + 1;
        }
      } catch (err) {
        if (signal.aborted) return;
        const code = (err as { response?: { error_code?: number } }).response?.error_code;
        const why = code === 409 ? 'another process polls this bot token (only the notifier may)' : (err as Error).message;
        this.logger.error({ err }, `Telegram getUpdates failed: ${why}; retrying in ${RETRY_MS / 1000} s`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, RETRY_MS);
          signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
        });
      }
    }
  }

  private getUpdates(payload: { offset: number; limit?: number; timeout: number; allowed_updates?: string[] }, signal: AbortSignal): Promise<Update[]> {
    return this.bot.telegram.callApi('getUpdates', payload as never, { signal: signal as never }) as Promise<Update[]>;
  }
}
