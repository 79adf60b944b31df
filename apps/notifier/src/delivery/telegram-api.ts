import { SecretScrubber } from '@polytrader/platform';
import { Telegraf } from 'telegraf';
import { PARSE_MODE } from '../alerts/alert-kind';
import { plainText } from '../alerts/alert-intake';

export interface OutgoingMessage {
  readonly chatId: string;
  readonly text: string;
  readonly silent: boolean;
}

/** What one sendMessage call came to. */
export type SendOutcome =
  | { kind: 'sent'; messageId: number | null }
  /** 429: Telegram says when to try again */
  | { kind: 'rate_limited'; retryAfterS: number; error: string }
  /** worth retrying with backoff: network error, timeout, 5xx, 401/404 (token or API root wrong: fixed by a restart, the alert waits) */
  | { kind: 'retry'; error: string }
  /** this message to this chat will never go: 400 chat not found, 403 bot blocked, … */
  | { kind: 'failed'; error: string };

/** telegraf wants the API root as a directory URL: `${root}/` + `bot<token>/<method>`. */
export function apiRootOf(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export function createBot(token: string, apiRoot: string): Telegraf {
  return new Telegraf(token, { telegram: { apiRoot: apiRootOf(apiRoot) } });
}

interface TelegramErrorLike {
  response?: { error_code?: number; description?: string; parameters?: { retry_after?: number } };
  message?: string;
  name?: string;
}

const PARSE_ERROR = /can't parse entities/i;

/**
 * sendMessage through telegraf's client with a timeout of our own (telegraf's is 500 s). A message
 * Telegram cannot parse is sent again as plain text: an alert with a formatting bug still gets out.
 */
export class TelegramApi {
  constructor(
    private readonly bot: Telegraf,
    private readonly timeoutMs: number,
    /** every error text it returns is scrubbed of the token (they end in logs and the alert tables) */
    private readonly scrub: SecretScrubber = telegramTokenScrubber(bot.telegram.token),
  ) {}

  async send(m: OutgoingMessage): Promise<SendOutcome> {
    const first = await this.call(m, PARSE_MODE);
    if (first.kind === 'failed' && PARSE_ERROR.test(first.error)) return this.call({ ...m, text: plainText(m.text) }, undefined);
    return first;
  }

  private async call(m: OutgoingMessage, parseMode: 'HTML' | undefined): Promise<SendOutcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const payload = {
        chat_id: m.chatId, text: m.text, ...(parseMode ? { parse_mode: parseMode } : {}), ...(m.silent ? { disable_notification: true } : {}),
        link_preview_options: { is_disabled: true },
      };
      const result = (await this.bot.telegram.callApi('sendMessage', payload, { signal: controller.signal as never })) as { message_id?: number };
      return { kind: 'sent', messageId: typeof result?.message_id === 'number' ? result.message_id : null };
    } catch (err) {
      return classify(err as TelegramErrorLike, controller.signal.aborted, this.timeoutMs, this.scrub);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The outcome of a failed call; every error text scrubbed of the bot token (a network error names the URL, token included). */
export function classify(err: TelegramErrorLike, timedOut: boolean, timeoutMs: number, scrub = telegramTokenScrubber(null)): SendOutcome {
  if (timedOut) return { kind: 'retry', error: `no answer within ${timeoutMs} ms` };
  const code = err?.response?.error_code;
  if (code === undefined) return { kind: 'retry', error: `network: ${networkError(err, scrub)}` };
  const error = scrub.text(`${code}: ${err.response?.description ?? ''}`.trim());
  if (code === 429) return { kind: 'rate_limited', retryAfterS: Math.max(1, Number(err.response?.parameters?.retry_after) || 1), error };
  if (code >= 500 || code === 401 || code === 404 || code === 409) return { kind: 'retry', error };
  return { kind: 'failed', error };
}

/** The message of a network error with its causes' messages (undici: "fetch failed" ← "connect ECONNREFUSED …"), scrubbed. */
function networkError(err: unknown, scrub: SecretScrubber): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 4 && e !== undefined && e !== null; i++) {
    const m = scrub.message(e);
    if (m && !parts.includes(m)) parts.push(m);
    e = typeof e === 'object' ? (e as { cause?: unknown }).cause : undefined;
  }
  return parts.join(' ← ') || 'unknown error';
}

/** What the notifier scrubs from error texts it logs or stores: the bot token, shown as `[token]`. */
export function telegramTokenScrubber(token: string | null | undefined): SecretScrubber {
  return new SecretScrubber([token], '[token]');
}
