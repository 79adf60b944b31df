import type { KillInfo } from '@polytrader/contracts';
import type { Logger } from 'pino';
import { esc, fixed, signed } from '../alerts/html';
import { healthLine, HealthSummary } from '../alerts/messages';
import type { PortfolioReader, SignalReader, TitleOf } from '../alerts/ports';
import type { ServiceView } from '@polytrader/platform';

export interface CommandContext {
  readonly admins: ReadonlySet<number>;
  status(): { halted: boolean; kill: KillInfo | null; services: Record<string, ServiceView>; health: HealthSummary };
  readonly portfolio: PortfolioReader | null;
  readonly signals: SignalReader | null;
  /** start of the trading day (risk.timezone), ISO */
  startOfDay(): string;
  daily(): Promise<string>;
  kill(reason: string): Promise<void>;
  reset(reason: string): Promise<void>;
  reduce(reason: string): Promise<void>;
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
  '/kill [reason] — EMERGENCY STOP of all trading',
  '/reset — resume after a kill',
  '/help — this list',
].join('\n');

/** "/kill@polytrader_bot too risky" → { name: 'kill', args: 'too risky' }; null for text that is not a command. */
export function parseCommand(text: string): { name: string; args: string } | null {
  const m = /^\/([A-Za-z_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  return m ? { name: m[1].toLowerCase(), args: (m[2] ?? '').trim() } : null;
}

/**
 * Answers the owner's commands. Deny by default: only chats in `alerts.admin_chat_ids` may command;
 * anyone else gets a refusal, and the attempt is logged. Returns the reply (HTML), or null to say nothing.
 */
export async function handleCommand(ctx: CommandContext, chatId: number, fromId: number | undefined, text: string): Promise<string | null> {
  const command = parseCommand(text);
  if (!ctx.admins.has(chatId)) {
    ctx.logger.warn({ metrics: { chatId, fromId, command: command?.name ?? null } }, `refused a message from chat ${chatId}: not in alerts.admin_chat_ids`);
    return `⛔ Not allowed: chat ${chatId} is not in alerts.admin_chat_ids.`;
  }
  if (!command) return 'Commands start with /. Send /help for the list.';
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
      await ctx.reduce(command.args || 'reduce requested on Telegram');
      return '↘️ Sent <b>reduce</b> to risk: only position-reducing orders from now on.';
    }
    case 'kill': {
      const reason = command.args || 'kill requested on Telegram';
      await ctx.kill(reason);
      return `🛑 Sent <b>system.kill</b>: ${esc(reason)}`;
    }
    case 'reset': {
      await ctx.reset(command.args || 'reset requested on Telegram');
      return '▶️ Sent <b>system.reset</b>.';
    }
    default: return `Unknown command /${esc(command.name)}. Send /help for the list.`;
  }
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
