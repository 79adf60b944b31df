import { DecisionRecord, JournalEntry, OrderRecord, RiskJournalStore, createDataSource } from '@polytrader/persistence';
import { gatewayClient } from './read';
import { resolveRunAndSay } from './resolve-run';

export type JournalFormat = 'table' | 'csv' | 'json';

const COLUMNS = ['ts', 'kind', 'signal_id', 'market_id', 'token_id', 'side', 'what', 'size', 'price', 'fees', 'realized_pnl', 'status', 'reasons'] as const;

/**
 * `polytrader journal [--since DATE] [--csv|--json]`: every decision, order, fill, close and realized PnL, oldest first.
 * Through the gateway (GET /api/journal, at most --limit entries, the gateway's default 200) unless `--db`
 * names a database, which is read directly (offline: every entry).
 */
export async function journal(options: { since?: string; csv?: boolean; json?: boolean; db?: string; gateway?: string; limit?: string }): Promise<number> {
  const since = options.since === undefined ? undefined : parseSince(options.since);
  const format: JournalFormat = options.json ? 'json' : options.csv ? 'csv' : 'table';
  if (options.db === undefined) {
    const entries = await gatewayClient(options.gateway).get<JournalEntry[]>('/api/journal', { since, limit: options.limit });
    process.stdout.write(formatJournal(entries, format));
    return 0;
  }
  const { config } = resolveRunAndSay({ db: options.db });
  const ds = await createDataSource(config.storage);
  try {
    const entries = await new RiskJournalStore(ds).entries(since);
    process.stdout.write(formatJournal(entries, format));
    return 0;
  } finally {
    await ds.destroy();
  }
}

/** A date (2026-11-30) or a full ISO time; a clear error naming the value otherwise. */
export function parseSince(value: string): string {
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(t)) throw new Error(`--since: expected a date such as 2026-11-30 or an ISO time, got ${JSON.stringify(value)}`);
  return new Date(t).toISOString();
}

export function journalRow(e: JournalEntry): Record<(typeof COLUMNS)[number], string> {
  if (e.kind === 'decision') {
    const d = e.detail as DecisionRecord;
    const side = typeof d.signal?.side === 'string' ? d.signal.side : '';
    return {
      ts: e.ts, kind: 'decision', signal_id: d.signalId, market_id: d.marketId, token_id: String(d.signal?.tokenId ?? ''), side, what: d.decision,
      size: d.size === null ? '' : num(d.size), price: typeof d.signal?.price === 'number' ? num(d.signal.price) : '', fees: '', realized_pnl: '',
      status: d.tradingState, reasons: d.reasons.join('; '),
    };
  }
  const o = e.detail as OrderRecord;
  return {
    ts: e.ts, kind: 'order', signal_id: o.signalId ?? '', market_id: o.marketId, token_id: o.tokenId, side: o.side, what: `${o.intent}/${o.trigger}`,
    size: num(o.filledSize), price: o.avgPrice === null ? '' : num(o.avgPrice), fees: num(o.fees), realized_pnl: num(o.realizedPnl), status: o.status,
    reasons: o.error ?? '',
  };
}

export function formatJournal(entries: readonly JournalEntry[], format: JournalFormat): string {
  if (format === 'json') return `${JSON.stringify(entries, null, 2)}\n`;
  const rows = entries.map(journalRow);
  if (format === 'csv') return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
  if (rows.length === 0) return 'journal is empty\n';
  const shown = COLUMNS.filter((c) => c !== 'token_id');
  const widths = shown.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => r[c].length))));
  const line = (cells: string[]) => cells.map((v, i) => (v.length > widths[i] ? `${v.slice(0, widths[i] - 1)}…` : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [line([...shown]), ...rows.map((r) => line(shown.map((c) => r[c])))].join('\n') + '\n';
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function num(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}
