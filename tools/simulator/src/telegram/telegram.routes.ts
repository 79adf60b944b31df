import { BodyError, requestParams } from '../http/body';
import { telegramError } from '../http/errors';
import { json, RouteDef, SimResponse } from '../http/types';
import { checkEntities } from './parse-mode';
import { chatOf, TelegramState } from './telegram.state';

const TOKEN = /^(\d+):[A-Za-z0-9_-]+$/;
const ok = (result: unknown): SimResponse => json(200, { ok: true, result });

export function botUser(botId: number): Record<string, unknown> {
  return { id: botId, is_bot: true, first_name: 'Polytrader Sim', username: 'polytrader_sim_bot' };
}

function intOf(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Telegram Bot API under /telegram/bot<token>/<method> (the apiRoot is `${url}/telegram`).
 * Token must look like `<digits>:<letters, digits, _ or ->`, else 401 Unauthorized.
 * MISSING_FIELDS: getMe's result loses `username`; sendMessage's result loses `message_id` and
 * `chat` (the message is still recorded); getUpdates' updates at even positions lose `message.chat`.
 */
export function telegramRoutes(state: TelegramState): RouteDef[] {
  const methods: Record<string, (botId: number, p: Record<string, unknown>, now: number, missing: boolean) => SimResponse | Promise<SimResponse>> = {
    getMe: (botId, _p, _now, missing) => {
      const me: Record<string, unknown> = { ...botUser(botId), can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      if (missing) delete me.username;
      return ok(me);
    },

    sendMessage: (botId, p, now, missing) => {
      const chatId = intOf(p.chat_id);
      if (p.chat_id === undefined || p.chat_id === '') return telegramError(400, 'Bad Request: chat_id is empty');
      if (chatId === null || state.unknownChats.has(chatId)) return telegramError(400, 'Bad Request: chat not found');
      const text = typeof p.text === 'string' ? p.text : p.text === undefined ? '' : String(p.text);
      if (!text.trim()) return telegramError(400, 'Bad Request: message text is empty');
      if ([...text].length > 4096) return telegramError(400, 'Bad Request: message is too long');
      const parseMode = typeof p.parse_mode === 'string' && p.parse_mode ? p.parse_mode : undefined;
      const entityError = checkEntities(text, parseMode);
      if (entityError) return telegramError(400, entityError);
      const retryAfter = state.take(chatId, now);
      if (retryAfter > 0) return telegramError(429, `Too Many Requests: retry after ${retryAfter}`, retryAfter);
      const replyMarkup = typeof p.reply_markup === 'string' ? safeJson(p.reply_markup) : p.reply_markup;
      const messageId = state.nextMessageId(chatId);
      const date = Math.floor(now / 1000);
      state.record({
        message_id: messageId, bot_id: botId, chat_id: chatId, text, date, ts: now,
        ...(parseMode ? { parse_mode: parseMode } : {}),
        ...(p.disable_notification !== undefined ? { disable_notification: p.disable_notification === true || p.disable_notification === 'true' } : {}),
        ...(replyMarkup !== undefined ? { reply_markup: replyMarkup } : {}),
      });
      const message: Record<string, unknown> = { message_id: messageId, from: botUser(botId), chat: chatOf(chatId), date, text };
      if (replyMarkup !== undefined) message.reply_markup = replyMarkup;
      if (missing) {
        delete message.message_id;
        delete message.chat;
      }
      return ok(message);
    },

    getUpdates: async (_botId, p, _now, missing) => {
      const offset = intOf(p.offset) ?? 0;
      const limit = Math.min(100, Math.max(1, intOf(p.limit) ?? 100));
      const timeoutS = Math.max(0, intOf(p.timeout) ?? 0);
      let updates = state.pending(offset, limit);
      if (updates.length === 0 && timeoutS > 0) {
        const outcome = await state.wait(timeoutS * 1000);
        if (outcome === 'conflict') return telegramError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
        updates = state.pending(offset, limit);
      }
      if (missing) {
        return ok(updates.map((u, i) => {
          if (i % 2 !== 0) return u;
          const { chat: _c, ...message } = u.message;
          return { ...u, message };
        }));
      }
      return ok(updates);
    },

    deleteWebhook: () => ok(true),
    setWebhook: () => ok(true),
    getWebhookInfo: () => ok({ url: '', has_custom_certificate: false, pending_update_count: state.pending(0, 100).length }),
    setMyCommands: () => ok(true),
    deleteMyCommands: () => ok(true),
    getMyCommands: () => ok([]),
    answerCallbackQuery: () => ok(true),
    logOut: () => ok(true),
    close: () => ok(true),
  };

  return [{
    api: 'telegram', method: 'ANY', pattern: /^\/telegram\/bot(?<token>[^/]*)\/(?<method>[A-Za-z]+)$/,
    name: (params) => `telegram.${params.method}`,
    handler: (req, ctx) => {
      const token = TOKEN.exec(decodeURIComponent(req.params.token));
      if (!token) return telegramError(401, 'Unauthorized');
      const method = Object.keys(methods).find((m) => m.toLowerCase() === req.params.method.toLowerCase());
      if (!method) return telegramError(404, 'Not Found');
      let params: Record<string, unknown>;
      try {
        params = requestParams(req);
      } catch (err) {
        if (err instanceof BodyError) return telegramError(400, "Bad Request: can't parse JSON object");
        throw err;
      }
      return methods[method](Number(token[1]), params, ctx.now, ctx.missingFields);
    },
  }];
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
