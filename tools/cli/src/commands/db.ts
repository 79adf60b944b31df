import { createDataSource, optimizeDatabase } from '@polytrader/persistence';
import { resolveRunAndSay } from './resolve-run';

/** `polytrader db optimize [--json]`: retention, VACUUM/ANALYZE, index statistics; prints what it did. */
export async function dbOptimize(options: { json: boolean; db?: string }): Promise<number> {
  const { config } = resolveRunAndSay({ db: options.db });
  const ds = await createDataSource(config.storage);
  try {
    const report = await optimizeDatabase(ds, { retentionDays: config.storage.snapshot_retention_days });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    const mb = (b: number | null | undefined) => (b == null ? '?' : `${(b / 1048576).toFixed(2)} MB`);
    process.stdout.write([
      `${report.engine}: optimized in ${Math.round(report.durationMs)} ms`,
      `  retention ${config.storage.snapshot_retention_days} days: deleted ${report.deleted.snapshots} snapshots, ${report.deleted.books} book summaries, ` +
      `${report.deleted.hypeScores} hype scores, ${report.deleted.newsItems} news items, ${report.deleted.qualityIssues} quality issues, ` +
      `${report.deleted.summarizedRejections} summarized rejections`,
      `  size ${mb(report.sizeBeforeBytes)} → ${mb(report.sizeAfterBytes)}`,
      ...report.tables.map((t) => `  table ${t.name}: ${t.rows} rows${t.bytes != null ? `, ${mb(t.bytes)}` : ''}`),
      `  ${report.indexes.length} indexes analyzed: ${report.indexes.map((i) => i.name).join(', ')}`,
      '',
    ].join('\n'));
    return 0;
  } finally {
    await ds.destroy();
  }
}
