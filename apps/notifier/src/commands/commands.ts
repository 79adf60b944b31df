import type { KillInfo } from '@polytrader/contracts';
import type { Logger } from 'pino';
import { esc, fixed, signed } from '../alerts/html';
import { healthLine, HealthSummary } from '../alerts/messages';
import type { PortfolioReader, SignalReader, TitleOf } from '../alerts/ports';
import type { ServiceView } from '@polytrader/platform';

export interface CommandContext {
  /** alerts.admin_chat_ids: the chats that may command at all */
  readonly admins: ReadonlySet<number>;
  /** alerts.admin_user_ids: the senders who may /kill, /reset, /reduce (empty = nobody) */
  readonly adminUsers: ReadonlySet<number>;
  /** alerts.command_max_age_s */
  readonly maxAgeS: number;
  /** epoch ms of the latest kill the notifier knows of (null: none) */
  latestKillMs(): number | null;
  /** true when a "not allowed" reply may go to this chat now (at most one per chat per hour); records it */
  mayRefuse(chatId: number, nowMs: number): boolean;
  now(): number;
  status(): { halted: boolean; kill: KillInfo | null; services: Record<string, ServiceView>; health: HealthSummary };
  readonly portfolio: PortfolioReader | null;
  readonly signals: SignalReader | null;
  /** start of the trading day (risk.timezone), ISO */
  startOfDay(): string;
  daily(): Promise<string>;
  kill(reason: string): Promise<void>;
  reset(reason: string): Promise<void>;
  reduce(reason: string): Promise<void>;
  /** risk.command resume: leave REDUCING */
  resume(reason: string): Promise<void>;
  titles(ids: readonly string[]): Promise<TitleOf>;
  readonly logger: Logger;
}

export const HELP = [
  '<b>polytrader commands</b>',
  '/status — services and trading state',
  '/positions — open positions',
  '/pnl — today\'s PnL and equity',
  '/daily — the daily summary now',
  '/signals — the latest signals',
  '/reduce [reason] — only position-reducing orders from now on',
  '/reduce --off — leave REDUCING',
  '/kill [reason] — EMERGENCY STOP of all trading',
  '/reset — resume after a kill',
  '/help — this list',
].join('\n');

/** "/kill@polytrader_bot too risky" → { name: 'kill', args: 'too risky' }; null for text that is not a command. */
export function parseCommand(text: string): { name: string; args: string } | null {
  const m = /^\/([A-Za-z_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  return m ? { name: m[1].toLowerCase(), args: (m[2] ?? '').trim() } : null;
}

/** One text message from Telegram. */
export interface IncomingText {
  chatId: number;
  /** the sender (message.from.id); absent for channel posts */
  fromId: number | undefined;
  text: string;
  /** Telegram's message date, unix seconds (absent: treated as too old for /reset and /reduce --off) */
  date?: number;
}

/** The commands that change trading: only senders in alerts.admin_user_ids, from an admin chat. */
export const ADMIN_COMMANDS: ReadonlySet<string> = new Set(['kill', 'reset', 'reduce']);

/**
 * Answers the owner's commands. Deny by default: only chats in `alerts.admin_chat_ids` may command, and
 * /kill, /reset, /reduce only senders in `alerts.admin_user_ids` (a group member who is not listed is
 * refused; an empty list means nobody). A refusal is logged; its reply goes at most once per chat per
 * hour. A /reset or /reduce --off older than `alerts.command_max_age_s`, or sent before the latest kill,
 * is ignored with a reply saying why; a /kill is never ignored. Returns the reply (HTML), or null.
 */
export async function handleCommand(ctx: CommandContext, msg: IncomingText): Promise<string | null> {
  const { chatId, fromId } = msg;
  const command = parseCommand(msg.text);
  if (!ctx.admins.has(chatId)) {
    return refuse(ctx, msg, command?.name ?? null, `chat ${chatId} is not in alerts.admin_chat_ids`, `refused a message from chat ${chatId}: not in alerts.admin_chat_ids`);
  }
  if (!command) return 'Commands start with /. Send /help for the list.';
  if (ADMIN_COMMANDS.has(command.name) && (fromId === undefined || !ctx.adminUsers.has(fromId))) {
    const why = ctx.adminUsers.size === 0
      ? 'admin commands are off: alerts.admin_user_ids is empty'
      : `user ${fromId ?? '(unknown)'} is not in alerts.admin_user_ids`;
    return refuse(ctx, msg, command.name, why, `refused /${command.name} from user ${fromId ?? '(unknown)'} in chat ${chatId}: ${why}`);
  }
  ctx.logger.info({ metrics: { chatId, fromId, command: command.name } }, `command /${command.name} from chat ${chatId}`);
  switch (command.name) {
    case 'start':
    case 'help': return HELP;
    case 'status': return statusReply(ctx);
    case 'positions': return positionsReply(ctx);
    case 'pnl': return pnlReply(ctx);
    case 'daily': return ctx.daily();
    case 'signals': return signalsReply(ctx);
    case 'reduce': {
      const off = /^--off\b\s*/.exec(command.args);
      if (off) {
        const stale = staleness(ctx, msg, '/reduce --off');
        if (stale) return stale;
        await ctx.resume(command.args.slice(off[0].length) || 'reduce --off requested on Telegram');
        return '▶️ Sent <b>resume</b> to risk: leaving REDUCING.';
      }
      await ctx.reduce(command.args || 'reduce requested on Telegram');
      return '↘️ Sent <b>reduce</b> to risk: only position-reducing orders from now on.';
    }
    case 'kill': {
      // never ignored, however old: a kill late is better than a kill lost
      const reason = command.args || 'kill requested on Telegram';
      await ctx.kill(reason);
      return `🛑 Sent <b>system.kill</b>: ${esc(reason)}`;
    }
    case 'reset': {
      const stale = staleness(ctx, msg, '/reset');
      if (stale) return stale;
      await ctx.reset(command.args || 'reset requested on Telegram');
      return '▶️ Sent <b>system.reset</b>.';
    }
    default: return `Unknown command /${esc(command.name)}. Send /help for the list.`;
  }
}

/** Logs a refusal; the reply only when this chat had none in the last hour (else null: say nothing). */
function refuse(ctx: CommandContext, msg: IncomingText, command: string | null, why: string, logText: string): string | null {
  const metrics = { chatId: msg.chatId, fromId: msg.fromId, command };
  const reply = ctx.mayRefuse(msg.chatId, ctx.now());
  if (reply) ctx.logger.warn({ metrics }, logText);
  else ctx.logger.debug({ metrics }, `${logText} (no reply: one per chat per hour)`);
  return reply ? `⛔ Not allowed: ${esc(why)}.` : null;
}

/**
 * Why a resuming command is ignored, or null when it may run: older than `alerts.command_max_age_s`, or
 * not certainly sent after the latest kill (Telegram dates are whole seconds: a reset in the kill's
 * second counts as older — when in doubt, stay halted).
 */
function staleness(ctx: CommandContext, msg: IncomingText, what: string): string | null {
  const now = ctx.now();
  const sentMs = typeof msg.date === 'number' && Number.isFinite(msg.date) ? msg.date * 1000 : null;
  const kill = ctx.latestKillMs();
  let why: string | null = null;
  if (sentMs === null) why = 'it carries no date';
  else if (now - sentMs > ctx.maxAgeS * 1000) why = `it is ${Math.round((now - sentMs) / 1000)} s old (alerts.command_max_age_s is ${ctx.maxAgeS})`;
  else if (kill !== null && sentMs <= kill) why = `it was sent before the latest kill (${new Date(kill).toISOString()})`;
  if (!why) return null;
  ctx.logger.warn({ metrics: { chatId: msg.chatId, fromId: msg.fromId, date: msg.date ?? null, latestKillMs: kill } }, `ignored ${what} from chat ${msg.chatId}: ${why}`);
  return `⏸ Ignored ${esc(what)}: ${esc(why)}. Nothing was sent; send it again if you still mean it.`;
}

function statusReply(ctx: CommandContext): string {
  const s = ctx.status();
  const head = s.halted
    ? `🛑 <b>HALTED</b>${s.kill ? ` by ${esc(s.kill.source)}: ${esc(s.kill.reason)}` : ''}`
    : '🟢 <b>running</b>';
  const lines = Object.entries(s.services).map(([name, v]) => `${v.status === 'up' ? '✅' : '❗'} ${esc(name)}: ${esc(v.status)}`);
  return [head, healthLine(s.health), ...lines].join('\n');
}

async function positionsReply(ctx: CommandContext): Promise<string> {
  if (!ctx.portfolio) return 'Positions are not available (no portfolio store).';
  const positions = await ctx.portfolio.openPositions();
  if (positions.length === 0) return 'No open positions.';
  const titleOf = await ctx.titles(positions.map((p) => p.marketId));
  const lines = positions.slice(0, 20).map((p) =>
    `• ${esc(p.side)} ${fixed(p.size)} ${esc(p.outcome)} — ${esc(titleOf(p.marketId))} @ ${fixed(p.avgPrice, 3)}, mark ${fixed(p.markPrice, 3)}, uPnL ${signed(p.unrealizedPnl)}`);
  return [`<b>${positions.length} open position${positions.length === 1 ? '' : 's'}</b>`, ...lines, ...(positions.length > 20 ? [`… ${positions.length - 20} more`] : [])].join('\n');
}

async function pnlReply(ctx: CommandContext): Promise<string> {
  if (!ctx.portfolio) return 'PnL is not available (no portfolio store).';
  const p = await ctx.portfolio.pnlSummary(ctx.startOfDay());
  return [
    '<b>PnL today</b>',
    `Realized ${signed(p.realizedPnl)} · unrealized ${signed(p.unrealizedPnl)} · fees ${fixed(p.fees)} USDC`,
    `Equity ${fixed(p.equity)} USDC (start of day ${fixed(p.startOfDayEquity)})`,
    `Trades: ${p.tradesOpened} opened, ${p.tradesClosed} closed`,
  ].join('\n');
}

async function signalsReply(ctx: CommandContext): Promise<string> {
  if (!ctx.signals) return 'Signals are not available.';
  const rows = await ctx.signals.recent({ limit: 10 });
  if (rows.length === 0) return 'No signals yet.';
  const titleOf = await ctx.titles(rows.map((r) => r.marketId));
  return ['<b>Latest signals</b>', ...rows.map((r) =>
    `• ${esc(r.ts.slice(0, 16).replace('T', ' '))} ${esc(r.strength)} ${esc(r.side)} ${esc(r.outcome)} — ${esc(titleOf(r.marketId))} @ ${fixed(r.price, 3)}`)].join('\n');
}
