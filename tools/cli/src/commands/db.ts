import { DatabaseStats, OptimizeReport, createDataSource, databaseStats, optimizeDatabase, retentionOptions } from '@polytrader/persistence';
import { resolveRunAndSay } from './resolve-run';

const mb = (b: number | null | undefined) => (b == null ? '?' : `${(b / 1048576).toFixed(2)} MB`);

/** `polytrader db optimize [--json] [--db …]`: retention, VACUUM/ANALYZE, index statistics; prints what it did. */
export async function dbOptimize(options: { json: boolean; db?: string }): Promise<number> {
  const { config } = resolveRunAndSay({ db: options.db });
  const ds = await createDataSource(config.storage);
  try {
    const report = await optimizeDatabase(ds, retentionOptions(config.storage));
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatOptimize(report, config.storage.snapshot_retention_days));
    return 0;
  } finally {
    await ds.destroy();
  }
}

export function formatOptimize(report: OptimizeReport, snapshotDays: number): string {
  const d = report.deleted;
  return [
    `${report.engine}: optimized in ${Math.round(report.durationMs)} ms`,
    `  retention ${snapshotDays} days: deleted ${d.snapshots} snapshots, ${d.books} book summaries, ` +
    `${d.hypeScores} hype scores, ${d.newsItems} news items, ${d.qualityIssues} quality issues, ${d.summarizedRejections} summarized rejections`,
    `  price history: ${d.priceHistoryThinned} points thinned to one per hour, ${d.priceHistory} deleted`,
    `  deleted ${d.alerts} alerts, ${d.waitingRejections} unsummarized rejections, ${d.signals} signals, ${d.riskDecisions} risk decisions, ` +
    `${d.analyses} analysis rows, ${d.microstructure} microstructure rows, ${d.stageTimings} stage timings`,
    `  size ${mb(report.sizeBeforeBytes)} → ${mb(report.sizeAfterBytes)}`,
    ...report.tables.map((t) => `  table ${t.name}: ${t.rows} rows${t.bytes != null ? `, ${mb(t.bytes)}` : ''}`),
    `  ${report.indexes.length} indexes analyzed: ${report.indexes.map((i) => i.name).join(', ')}`,
    '',
  ].join('\n');
}

/** `polytrader db stats [--json] [--db …]`: rows and bytes per table, largest first, and which database it read. */
export async function dbStats(options: { json: boolean; db?: string }, write: (s: string) => void = (s) => void process.stdout.write(s)): Promise<number> {
  const { config } = resolveRunAndSay({ db: options.db });
  const ds = await createDataSource(config.storage);
  try {
    const stats = await databaseStats(ds);
    write(options.json ? `${JSON.stringify(stats, null, 2)}\n` : formatStats(stats));
    return 0;
  } finally {
    await ds.destroy();
  }
}

export function formatStats(stats: DatabaseStats): string {
  const human = (b: number | null) => {
    if (b == null) return '?';
    if (b < 1024) return `${b} B`;
    if (b < 1048576) return `${(b / 1024).toFixed(1)} KB`;
    if (b < 1073741824) return `${(b / 1048576).toFixed(1)} MB`;
    return `${(b / 1073741824).toFixed(2)} GB`;
  };
  const rows = stats.tables.map((t) => [t.name, String(t.rows), human(t.bytes)]);
  const header = ['table', 'rows', 'bytes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const note = stats.bytesFrom === 'none' ? ' (this SQLite has no dbstat: no bytes per table)' : ` (bytes from ${stats.bytesFrom})`;
  return [
    `${stats.engine} ${stats.database}: ${human(stats.totalBytes)}${note}`,
    line(header),
    ...rows.map(line),
    '',
  ].join('\n');
}
