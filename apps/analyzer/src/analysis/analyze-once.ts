import { AnalysisStore, HypeScoreStore, MarketStore, createDataSource, StageTimingStore } from '@polytrader/persistence';
import { runOnce } from '@polytrader/platform';
import { AnalysisReport, AnalysisRun } from './analysis-run';

export interface AnalyzeOnceOptions {
  readonly json: boolean;
  /** Rows of the ranking printed (all with undefined). */
  readonly top?: number;
}

/**
 * `polytrader analyze`: one analysis run in this process against the configured database. Stores it;
 * publishes on the bus when NATS answers (and refuses to run when the bus says the system is halted).
 */
export function analyzeOnce(options: AnalyzeOnceOptions): Promise<number> {
  const spec = { service: 'analyzer', doing: 'analyzing', storedWithoutBus: 'the analysis is stored' };
  return runOnce(spec, async ({ config, logger, publisher, signal }) => {
    const ds = await createDataSource(config.storage);
    try {
      const run = new AnalysisRun({
        stores: { markets: new MarketStore(ds), hype: new HypeScoreStore(ds), results: new AnalysisStore(ds) },
        config: config.analysis, intervalMinutes: config.data_collection.interval_minutes, publisher, logger, source: 'analyzer',
        timings: new StageTimingStore(ds),
      });
      const report = await run.run(signal);
      const top = options.top === undefined ? report.ranking : report.ranking.slice(0, options.top);
      process.stdout.write(options.json ? `${JSON.stringify({ ...report, ranking: top }, null, 2)}\n` : formatAnalysis(report, top, publisher !== null));
      return 0;
    } finally {
      await ds.destroy();
    }
  });
}

const fmtP = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

/** The ranking as a fixed-width table, then a summary line. */
export function formatAnalysis(r: AnalysisReport, rows: readonly AnalysisReport['ranking'][number][], published: boolean): string {
  const header = ['rank', 'market', 'points', 'hype->price p(adj)', 'lag', 'F', 'price->hype p(adj)', 'pearson'];
  const body = rows.map((m) => [
    String(m.rank), m.marketId, String(m.points), fmtP(m.hypeToPriceP), String(m.hypeToPriceLag), m.hypeToPriceF.toFixed(2), fmtP(m.priceToHypeP), m.pearson.toFixed(3),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [
    `analysis ${r.runId}: window ${r.from} .. ${r.to}, ${r.markets} open market(s), ${r.tested} tested, ${r.skipped} skipped (too few points or degenerate)`,
    '',
    line(header),
    ...body.map(line),
    '',
    `BH family per direction: ${r.family} tests · microstructure: ${r.microstructure} token(s), ${r.oneSidedBooks} one-sided book(s)`,
    `${published ? `published ${r.published} event(s) on the bus${r.failedPublishes ? `, ${r.failedPublishes} failed` : ''}` : 'not published (no bus)'} · ${Math.round(r.durationMs)} ms`,
    '',
  ].join('\n');
}
