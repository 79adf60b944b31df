import type {
  AlertDeliveryRecord, BookSummaryRecord, MarketDetail, MarketPage, PnlSummary, PositionRecord, SignalRecord, TradeRecord,
} from '@polytrader/persistence';
import type { SystemStatus } from '@polytrader/platform';
import { cut, fixed, minute, renderTable } from './table';

/**
 * What the read commands print for people, from the gateway's JSON (`--json` prints that JSON as it came).
 * The shapes are those of apps/gateway/src/{markets,trading,system}/*.controller.ts.
 */

/** GET /api/positions: a position with the latest stored book of its token. */
export interface MarkedPosition extends PositionRecord {
  book: Pick<BookSummaryRecord, 'bestBid' | 'bestAsk' | 'mid' | 'ts'> | null;
}

/** GET /api/trading-state */
export interface TradingStateBody {
  trading: { tradingState: string; why: string | null } | null;
}

export function marketsView(page: MarketPage): string {
  if (page.items.length === 0) return 'no markets match\n';
  const table = renderTable(['id', 'question', 'category', 'hype', 'volume 24h', 'liquidity', 'ends (UTC)', 'status'], page.items.map((m) => [
    m.id, cut(m.question, 60), m.category, fixed(m.hypeScore, 2), fixed(m.volume24h, 0), fixed(m.liquidity, 0), minute(m.endDate),
    m.closed ? 'closed' : m.active ? 'active' : 'inactive',
  ]));
  return `${table}${page.items.length} market(s)${page.next ? `; next page: --cursor ${page.next}` : ''}\n`;
}

export function marketView(d: MarketDetail): string {
  const m = d.market;
  const lines = [
    `${m.question}`,
    `id ${m.id}  slug ${m.slug}  category ${m.category ?? '-'}  ${m.closed ? 'closed' : m.active ? 'active' : 'inactive'}  ends ${minute(m.endDate) || '-'}`,
  ];
  const snap = d.latestSnapshot;
  if (snap) {
    lines.push(`latest snapshot ${minute(snap.ts)}: ${m.outcomes.map((o, i) => `${o} ${fixed(snap.outcomePrices[i])}`).join(', ')}; volume 24h ${fixed(snap.volume24h, 0) || '-'}, liquidity ${fixed(snap.liquidity, 0) || '-'}`);
  } else lines.push('no snapshot yet');
  const out = [`${lines.join('\n')}\n`];
  if (d.books.length) {
    const outcomeOf = (tokenId: string) => m.outcomes[m.tokenIds.indexOf(tokenId)] ?? tokenId;
    out.push(renderTable(['outcome', 'bid', 'ask', 'mid', 'spread', 'bid depth', 'ask depth', 'at'], d.books.map((b) => [
      outcomeOf(b.tokenId), fixed(b.bestBid), fixed(b.bestAsk), fixed(b.mid), fixed(b.spread), fixed(b.bidDepth, 0), fixed(b.askDepth, 0), minute(b.ts),
    ])));
  }
  const hype = d.hype.at(-1);
  out.push(hype ? `hype ${fixed(hype.hypeScore, 2)} (${hype.mentions} mentions, sentiment ${fixed(hype.sentiment, 2)}) at ${minute(hype.intervalStart)}; ${d.hype.length} point(s) from ${minute(d.range.from)}\n` : `no hype scores from ${minute(d.range.from)}\n`);
  out.push(d.analysis
    ? `granger hype→price p ${fixed(d.analysis.hypeToPriceP, 4)} at lag ${d.analysis.hypeToPriceLag}, price→hype p ${fixed(d.analysis.priceToHypeP, 4)}, rank ${d.analysis.rank} (${minute(d.analysis.ts)})\n`
    : 'no analysis yet\n');
  if (d.news.length) out.push(`news (${d.news.length}, newest first):\n${d.news.slice(0, 5).map((n) => `  ${minute(n.publishedAt ?? n.fetchedAt)}  ${fixed(n.sentiment, 2).padStart(5)}  ${cut(n.title, 80)}`).join('\n')}\n`);
  out.push(d.qualityIssues.length ? `quality issues: ${d.qualityIssues.length} (latest: ${d.qualityIssues[0].severity} ${d.qualityIssues[0].kind}: ${cut(d.qualityIssues[0].detail, 80)})\n` : 'no quality issues\n');
  return out.join('');
}

export function signalsView(signals: readonly SignalRecord[]): string {
  if (signals.length === 0) return 'no signals\n';
  return renderTable(['time (UTC)', 'market', 'outcome', 'side', 'price', 'strength', 'conf', 'size', 'status', 'reasons'], signals.map((s) => [
    minute(s.ts), s.marketId, s.outcome, s.side, fixed(s.price), s.strength, fixed(s.confidence, 2), fixed(s.size, 2), s.status, cut(s.reasons.join('; '), 60),
  ]));
}

export function positionsView(positions: readonly MarkedPosition[]): string {
  if (positions.length === 0) return 'no open positions\n';
  const total = positions.reduce((sum, p) => sum + p.unrealizedPnl, 0);
  return `${renderTable(['market', 'outcome', 'side', 'size', 'avg', 'mark', 'unrealized', 'bid', 'ask', 'opened (UTC)'], positions.map((p) => [
    p.marketId, p.outcome, p.side, fixed(p.size, 2), fixed(p.avgPrice), fixed(p.markPrice), fixed(p.unrealizedPnl, 2), fixed(p.book?.bestBid), fixed(p.book?.bestAsk), minute(p.openedAt),
  ]))}${positions.length} position(s), unrealized ${fixed(total, 2)} USDC\n`;
}

export function tradesView(trades: readonly TradeRecord[]): string {
  if (trades.length === 0) return 'no trades\n';
  return renderTable(['trade', 'market', 'side', 'size', 'price', 'fees', 'realized', 'status', 'mode', 'opened (UTC)', 'closed (UTC)'], trades.map((t) => [
    t.tradeId, t.marketId, t.side, fixed(t.size, 2), fixed(t.price), fixed(t.fees, 4), fixed(t.realizedPnl, 2), t.status, t.mode, minute(t.openedAt), minute(t.closedAt),
  ]));
}

export function pnlView(p: PnlSummary): string {
  return renderTable(['', 'USDC'], [
    ['realized (net of fees)', fixed(p.realizedPnl, 2)],
    ['unrealized', fixed(p.unrealizedPnl, 2)],
    ['fees', fixed(p.fees, 4)],
    ['equity', fixed(p.equity, 2)],
    ['start-of-day equity', fixed(p.startOfDayEquity, 2)],
    ['trades opened / closed', `${p.tradesOpened} / ${p.tradesClosed}`],
    ['best market', p.best ? `${p.best.marketId} ${fixed(p.best.pnl, 2)}` : ''],
    ['worst market', p.worst ? `${p.worst.marketId} ${fixed(p.worst.pnl, 2)}` : ''],
  ]);
}

export function alertsView(alerts: readonly AlertDeliveryRecord[]): string {
  if (alerts.length === 0) return 'no alerts\n';
  return renderTable(['time (UTC)', 'kind', 'status', 'attempts', 'chat', 'error'], alerts.map((a) => [
    minute(a.ts), a.kind, a.status, a.attempts, a.chatId, cut(a.error, 60),
  ]));
}

/** GET /api/services (and `status`): one row per service, then the kill state. */
export function servicesView(s: SystemStatus, nowMs = Date.now()): string {
  const rows = Object.entries(s.services).map(([name, v]) => [
    name, v.status, v.lastHeartbeat ? `${Math.max(0, Math.round((nowMs - Date.parse(v.lastHeartbeat)) / 100) / 10)}s ago` : '',
    v.uptimeS === null ? '' : `${Math.round(v.uptimeS)}s`, v.version, v.pid, v.rssBytes === null ? '' : fixed(v.rssBytes / 1e6, 1),
    v.lastCycle ? `${v.lastCycle.name} ${minute(v.lastCycle.at)}` : '',
    v.breakers ? Object.entries(v.breakers).filter(([, state]) => state !== 'closed').map(([api, state]) => `${api} ${state}`).join(', ') : '',
  ]);
  const table = renderTable(['service', 'status', 'heartbeat', 'uptime', 'version', 'pid', 'rss MB', 'last cycle', 'open breakers'], rows);
  const kill = s.kill && s.state === 'halted' ? `HALTED by ${s.kill.source} at ${s.kill.ts}: ${s.kill.reason}\nResume with: polytrader reset\n` : '';
  return `${table}${kill}`;
}

export function tradingStateView(t: TradingStateBody): string {
  return t.trading ? `trading ${t.trading.tradingState}${t.trading.why ? `: ${t.trading.why}` : ''}\n` : 'trading state: not known yet (risk has not answered)\n';
}
