import type { ControlMessage, RebalanceSuggestion, RiskWarningEvent, SignalGeneratedEvent, TradeEvent } from '@polytrader/contracts';
import type { ServiceStatus } from '@polytrader/platform';
import { esc, fixed, listed, percent, signed } from './html';
import type { PnlSummary } from '@polytrader/persistence';
import type { TitleOf } from './ports';

/** Pure formatters: one Telegram message (HTML parse mode) per alert; every dynamic part escaped. */

export function signalMessage(e: SignalGeneratedEvent, title: string): string {
  const stake = e.stake !== undefined ? ` (${fixed(e.stake)} USDC)` : '';
  return [
    `📈 <b>SIGNAL ${esc(e.strength)} ${esc(e.side)}</b>`,
    `<b>${esc(title)}</b>`,
    `Outcome: ${esc(e.outcome)} · Price: ${fixed(e.price, 3)} · Confidence: ${percent(e.confidence)}`,
    `Size: ${fixed(e.size)} shares${stake}`,
    ...(e.reasons.length ? [`Why: ${esc(e.reasons.join('; '))}`] : []),
  ].join('\n');
}

export function riskWarningMessage(e: RiskWarningEvent): string {
  return [
    `⚠️ <b>RISK WARNING</b> ${esc(e.limit)}`,
    `Now ${fixed(e.value)} vs warning threshold ${fixed(e.threshold)}`,
    ...(e.message ? [esc(e.message)] : []),
  ].join('\n');
}

export interface RejectionItem {
  marketId: string;
  reasons: string[];
  ts: string;
}

/** risk.rejected one by one would flood the chat: they are summarized (NotifierService.summarizeRejections). */
export function rejectionSummaryMessage(items: readonly RejectionItem[], titleOf: TitleOf): string {
  const byReason = new Map<string, number>();
  for (const item of items) for (const r of item.reasons.length ? item.reasons : ['(no reason given)']) byReason.set(r, (byReason.get(r) ?? 0) + 1);
  const reasons = [...byReason].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const markets = [...new Set(items.map((i) => i.marketId))].map((id) => esc(titleOf(id)));
  const first = items[0].ts.slice(11, 16);
  const last = items[items.length - 1].ts.slice(11, 16);
  return [
    `🚫 <b>${items.length} signal${items.length === 1 ? '' : 's'} rejected</b> (${first}–${last} UTC)`,
    ...reasons.slice(0, 8).map(([reason, n]) => `• ${esc(reason)} ×${n}`),
    ...(reasons.length > 8 ? [`• … ${reasons.length - 8} other reasons`] : []),
    `Markets: ${listed(markets, 5)}`,
  ].join('\n');
}

export function tradeOpenedMessage(e: TradeEvent, title: string): string {
  return [
    `🟢 <b>TRADE OPENED</b> (${esc(e.mode)})`,
    `<b>${esc(title)}</b>`,
    `${esc(e.side)} ${fixed(e.size)} @ ${fixed(e.price, 3)} · fees ${fixed(e.fees)} USDC`,
  ].join('\n');
}

export function tradeClosedMessage(e: TradeEvent, title: string): string {
  return [
    `🔴 <b>TRADE CLOSED</b> (${esc(e.mode)})`,
    `<b>${esc(title)}</b>`,
    `${esc(e.side)} ${fixed(e.size)} @ ${fixed(e.price, 3)} · PnL ${signed(e.realizedPnl)} USDC · fees ${fixed(e.fees)} USDC`,
  ].join('\n');
}

export type HealthChange =
  | { kind: 'stale'; service: string; ageS: number }
  | { kind: 'down'; service: string }
  | { kind: 'recovered'; service: string; was: ServiceStatus }
  | { kind: 'breaker_open'; service: string; api: string };

export function healthMessage(c: HealthChange): string {
  switch (c.kind) {
    case 'stale': return `🩺 <b>HEALTH</b> ${esc(c.service)} is STALE: no heartbeat for ${fixed(c.ageS, 1)} s`;
    case 'down': return `🩺 <b>HEALTH</b> ${esc(c.service)} is DOWN (stopped)`;
    case 'recovered': return `✅ <b>HEALTH</b> ${esc(c.service)} RECOVERED (was ${esc(c.was)})`;
    case 'breaker_open': return `🔌 <b>BREAKER OPEN</b> ${esc(c.service)}: ${esc(c.api)} calls are failing, paused`;
  }
}

export function emergencyMessage(kill: ControlMessage): string {
  return [
    '🚨 <b>EMERGENCY: TRADING HALTED</b>',
    `Reason: ${esc(kill.reason)}`,
    `Source: ${esc(kill.source)}`,
    `Time: ${esc(kill.ts)}`,
    'Resume with /reset (admins), <code>polytrader reset</code> or POST /api/reset.',
  ].join('\n');
}

export function resetMessage(reset: ControlMessage): string {
  return [
    '✅ <b>RESET: trading resumed</b>',
    `Reason: ${esc(reset.reason)}`,
    `Source: ${esc(reset.source)}`,
    `Time: ${esc(reset.ts)}`,
  ].join('\n');
}

export interface HealthSummary {
  up: number;
  total: number;
  problems: { service: string; status: ServiceStatus }[];
}

export interface DailySummaryInput {
  /** YYYY-MM-DD in `timezone` */
  day: string;
  timezone: string;
  /** null: the portfolio could not be read */
  pnl: PnlSummary | null;
  /** signals generated since the start of the day; null: unknown */
  signals: number | null;
  /** the latest signal.rebalance suggestions; null: none received */
  rebalance: readonly RebalanceSuggestion[] | null;
  health: HealthSummary;
}

export function dailySummaryMessage(s: DailySummaryInput, titleOf: TitleOf): string {
  const lines = [`📊 <b>Daily summary</b> ${esc(s.day)} (${esc(s.timezone)})`];
  if (s.pnl) {
    const p = s.pnl;
    const dayPct = p.startOfDayEquity > 0 ? ((p.equity - p.startOfDayEquity) / p.startOfDayEquity) * 100 : NaN;
    lines.push(
      `PnL: realized ${signed(p.realizedPnl)}, unrealized ${signed(p.unrealizedPnl)}, fees ${fixed(p.fees)} USDC`,
      `Equity: ${fixed(p.equity)} USDC (${signed(dayPct)}% today)`,
      `Trades: ${p.tradesOpened} opened, ${p.tradesClosed} closed`,
    );
    const best = p.best ? `${esc(titleOf(p.best.marketId))} ${signed(p.best.pnl)}` : 'none';
    const worst = p.worst ? `${esc(titleOf(p.worst.marketId))} ${signed(p.worst.pnl)}` : 'none';
    lines.push(`Best: ${best} · Worst: ${worst}`);
  } else {
    lines.push('PnL: portfolio not available');
  }
  lines.push(`Signals: ${s.signals ?? 'n/a'}`);
  if (s.rebalance && s.rebalance.length) {
    lines.push('Rebalancing:');
    for (const r of s.rebalance.slice(0, 10)) {
      lines.push(`• ${esc(r.action)} ${esc(titleOf(r.marketId))}: ${fixed(r.currentSize)} → ${fixed(r.targetSize)} shares (${esc(r.reason)})`);
    }
    if (s.rebalance.length > 10) lines.push(`• … ${s.rebalance.length - 10} more`);
  } else {
    lines.push('Rebalancing: no suggestions');
  }
  lines.push(healthLine(s.health));
  return lines.join('\n');
}

export function healthLine(h: HealthSummary): string {
  if (h.problems.length === 0) return `Health: all ${h.total} services up`;
  return `Health: ${h.up}/${h.total} up; ${h.problems.map((p) => `${esc(p.service)} ${esc(p.status)}`).join(', ')}`;
}
