import type { AlertStore, NewAlert } from '@polytrader/persistence';
import type { AlertsConfig } from '@polytrader/platform';
import type { Logger } from 'pino';
import { AlertDraft, PRIORITY, priorityOf } from './alert-kind';

export type Wake = (chatIds: readonly string[]) => void;

/** The text without its HTML: what goes to the log when an alert cannot go to Telegram. */
export function plainText(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/**
 * Addresses a formatted alert to every chat in `alerts.chat_ids` according to its kind's mode (on,
 * silent, off) and queues it in the outbox — idempotent by `<key>@<chat>`, so a redelivered event
 * queues nothing new. Without a bot token or without chats, alerts go to the log instead.
 */
export class AlertIntake {
  constructor(
    private readonly config: AlertsConfig,
    private readonly store: AlertStore,
    private readonly logger: Logger,
    /** false without TELEGRAM_BOT_TOKEN */
    private readonly delivering: boolean,
    private readonly wake: Wake,
  ) {}

  /** True when alerts go to Telegram (a token and at least one chat). */
  get sending(): boolean {
    return this.delivering && this.config.chat_ids.length > 0;
  }

  /** The outbox rows for a draft: one per chat, none when its kind is off. */
  rows(draft: AlertDraft): NewAlert[] {
    const mode = this.config.kinds[draft.kind];
    if (mode === 'off') return [];
    return this.config.chat_ids.map((chat) => ({
      alertId: `${draft.key}@${chat}`, kind: draft.kind, chatId: String(chat), text: draft.text, silent: mode === 'silent', priority: priorityOf(draft.kind),
    }));
  }

  /** Queues (or logs) one alert; resolves with the number of outbox rows that were new. */
  async accept(draft: AlertDraft): Promise<number> {
    if (this.config.kinds[draft.kind] === 'off') return 0;
    if (!this.sending) {
      this.logger.info({ metrics: { alert: draft.key, kind: draft.kind } }, `alert (not sent to Telegram): ${plainText(draft.text)}`);
      return 0;
    }
    const rows = this.rows(draft);
    const queued = await this.store.enqueue(rows);
    this.wake(rows.map((r) => r.chatId));
    return queued;
  }

  /** A reply to a command, queued like an alert so it gets the same pacing, retries and exactly-once. */
  async reply(chatId: number, key: string, text: string, kind: 'reply' | 'refusal' = 'reply'): Promise<void> {
    const row = this.replyRow(chatId, key, text, kind);
    await this.store.enqueue([row]);
    this.wake([row.chatId]);
  }

  /** The outbox row of a reply (a refusal to a stranger goes last: it never delays an alert). */
  replyRow(chatId: number, key: string, text: string, kind: 'reply' | 'refusal' = 'reply'): NewAlert {
    return { alertId: `${key}@${chatId}`, kind, chatId: String(chatId), text, silent: false, priority: PRIORITY[kind] };
  }
}
