import { BusConnectError, ConfigError, EventBus, KillSwitch, connectBus, createLogger, flushLogger, loadConfig } from '@polytrader/platform';
import { AnalysisStore, HypeScoreStore, MarketStore, createDataSource } from '@polytrader/persistence';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
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
export async function analyzeOnce(options: AnalyzeOnceOptions): Promise<number> {
  let loaded;
  try {
    loaded = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  }
  const { config } = loaded;
  const logger = await createLogger({ component: 'analyzer', config: config.logging, stdout: false });
  const nc = await optionalBus(config.bus, logger);
  if (nc && (await haltedOnBus(nc, logger))) {
    process.stderr.write('the system is halted (system.kill on the bus): not analyzing. Resume with: polytrader reset\n');
    await nc.drain();
    return 1;
  }
  const ds = await createDataSource(config.storage);
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  try {
    const run = new AnalysisRun({
      stores: { markets: new MarketStore(ds), hype: new HypeScoreStore(ds), results: new AnalysisStore(ds) },
      config: config.analysis, intervalMinutes: config.data_collection.interval_minutes,
      publisher: nc ? new EventBus(nc, 'analyzer', logger) : null, logger, source: 'analyzer',
    });
    const report = await run.run(controller.signal);
    const top = options.top === undefined ? report.ranking : report.ranking.slice(0, options.top);
    process.stdout.write(options.json ? `${JSON.stringify({ ...report, ranking: top }, null, 2)}\n` : formatAnalysis(report, top, nc !== null));
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    await ds.destroy();
    await nc?.drain().catch(() => undefined);
    await flushLogger(logger);
  }
}

async function optionalBus(bus: Parameters<typeof connectBus>[0]['config'], logger: Logger): Promise<NatsConnection | null> {
  try {
    return await connectBus({ config: bus, name: 'polytrader-analyze', logger, waitForServer: false, timeoutMs: 1500 });
  } catch (err) {
    if (!(err instanceof BusConnectError)) throw err;
    process.stderr.write(`note: NATS not reachable at ${bus.url}; the analysis is stored but not published\n`);
    return null;
  }
}

async function haltedOnBus(nc: NatsConnection, logger: Logger): Promise<boolean> {
  const ks = new KillSwitch(nc, await nc.jetstreamManager(), 'analyzer', logger);
  await ks.restore();
  ks.stop();
  return ks.current.state === 'halted';
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
