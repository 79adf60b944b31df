export interface SentMessage {
  readonly message_id: number;
  /** the bot (numeric part of its token) that sent it */
  readonly bot_id: number;
  readonly chat_id: number;
  readonly text: string;
  readonly parse_mode?: string;
  readonly disable_notification?: boolean;
  readonly reply_markup?: unknown;
  /** unix seconds, as in the Message */
  readonly date: number;
  /** simulator clock at receipt (epoch ms) */
  readonly ts: number;
}

export interface InjectedUpdate {
  chat_id: number;
  text: string;
  /** the sender; defaults to chat_id (a private chat) */
  from_id?: number;
}

export type Update = { update_id: number; message: Record<string, unknown> };

interface Waiter {
  resolve(outcome: 'update' | 'timeout' | 'conflict' | 'closed'): void;
  timer: NodeJS.Timeout;
}

export interface TelegramOptions {
  readonly perChatPerSecond: number;
  readonly burst: number;
  readonly unknownChats: readonly number[];
}

export function chatOf(id: number): Record<string, unknown> {
  if (id > 0) return { id, first_name: 'Sim', last_name: 'User', username: `sim_user_${id}`, type: 'private' };
  return id < -1_000_000_000_000 ? { id, title: 'Sim supergroup', type: 'supergroup' } : { id, title: 'Sim group', type: 'group' };
}

/**
 * The Telegram side's memory: messages the bot sent, updates waiting for getUpdates (confirmed by
 * `offset` as the Bot API does), long-poll waiters, and one token bucket per chat
 * (`perChatPerSecond` refill, `burst` capacity).
 */
export class TelegramState {
  private sent: SentMessage[] = [];
  private queue: Update[] = [];
  private nextUpdateId = 813_718_941;
  private readonly messageIds = new Map<number, number>();
  private readonly buckets = new Map<number, { tokens: number; at: number }>();
  private waiter: Waiter | null = null;
  readonly unknownChats: ReadonlySet<number>;

  constructor(private readonly o: TelegramOptions) {
    this.unknownChats = new Set(o.unknownChats);
  }

  nextMessageId(chatId: number): number {
    const id = (this.messageIds.get(chatId) ?? 0) + 1;
    this.messageIds.set(chatId, id);
    return id;
  }

  record(m: SentMessage): void {
    this.sent.push(m);
  }

  messages(): SentMessage[] {
    return [...this.sent];
  }

  /** Forgets sent messages and the rate-limit buckets (pending updates stay). */
  clear(): void {
    this.sent = [];
    this.buckets.clear();
  }

  /** Seconds to wait when the chat is over its rate, else 0 (and a token is used). */
  take(chatId: number, nowMs: number): number {
    const b = this.buckets.get(chatId) ?? { tokens: this.o.burst, at: nowMs };
    b.tokens = Math.min(this.o.burst, b.tokens + ((nowMs - b.at) / 1000) * this.o.perChatPerSecond);
    b.at = nowMs;
    this.buckets.set(chatId, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.o.perChatPerSecond));
  }

  inject(u: InjectedUpdate, nowMs: number): Update {
    const from = u.from_id ?? u.chat_id;
    const message: Record<string, unknown> = {
      message_id: this.nextMessageId(u.chat_id),
      from: { id: from, is_bot: false, first_name: 'Sim', last_name: 'User', username: `sim_user_${from}`, language_code: 'en' },
      chat: chatOf(u.chat_id),
      date: Math.floor(nowMs / 1000),
      text: u.text,
    };
    if (u.text.startsWith('/')) message.entities = [{ offset: 0, length: u.text.split(/\s/)[0].length, type: 'bot_command' }];
    const update = { update_id: this.nextUpdateId++, message };
    this.queue.push(update);
    this.wake('update');
    return update;
  }

  /** Applies `offset` (confirming earlier updates; negative = keep the last |offset|) and returns up to `limit`. */
  pending(offset: number, limit: number): Update[] {
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.queue = this.queue.slice(offset);
    return this.queue.slice(0, limit);
  }

  /** Long poll: resolves on the next injected update, after timeoutMs, when another poll takes over ('conflict'), or on close. */
  wait(timeoutMs: number): Promise<'update' | 'timeout' | 'conflict' | 'closed'> {
    this.wake('conflict');
    return new Promise((resolve) => {
      const waiter: Waiter = {
        resolve: (o) => {
          clearTimeout(waiter.timer);
          if (this.waiter === waiter) this.waiter = null;
          resolve(o);
        },
        timer: setTimeout(() => waiter.resolve('timeout'), timeoutMs),
      };
      this.waiter = waiter;
    });
  }

  close(): void {
    this.wake('closed');
  }

  private wake(outcome: 'update' | 'conflict' | 'closed'): void {
    this.waiter?.resolve(outcome);
  }
}
