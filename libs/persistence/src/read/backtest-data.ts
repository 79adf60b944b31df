import type { DataSource } from 'typeorm';
import { engineOfDataSource } from '../engine';
import type { BookSummaryRecord, SnapshotRecord } from '../records';
import { execute, withRunner } from '../sql/exclusive';
import { toIso } from '../sql/values';
import { ANALYSIS_COLUMNS, toMarketAnalysis, type MarketAnalysisRecord } from '../stores/analysis.store';
import { toBook, toSnapshot } from '../stores/market.rows';
import { hypeScoreVersions, marketVersions, pricePointsObserved, type HypeScoreVersion, type MarketVersion, type ObservedPricePoint } from './point-in-time';

/** Everything a backtest may know, each fact with its observation time (docs/backtest.md). */
export interface Observations {
  readonly markets: readonly MarketVersion[];
  readonly snapshots: readonly SnapshotRecord[];
  readonly books: readonly BookSummaryRecord[];
  readonly prices: readonly ObservedPricePoint[];
  readonly hype: readonly HypeScoreVersion[];
  readonly analyses: readonly MarketAnalysisRecord[];
}

export interface ObservationRange {
  /** facts observed from here (ISO): the range's start minus the history its first decisions read */
  from: string;
  /** to here, exclusive (ISO) */
  to: string;
}

const BEGINNING = '1970-01-01T00:00:00.000Z';

/**
 * What the database observed in [from, to): snapshots, books, price points and hype values of that range;
 * market versions and analysis runs since the beginning (a market first seen long ago is still known; an
 * analysis is valid for days), each in order of observation. One read transaction per table.
 */
export async function loadObservations(ds: DataSource, range: ObservationRange): Promise<Observations> {
  const from = toIso(range.from, 'from');
  const to = toIso(range.to, 'to');
  const [markets, prices, hype] = [
    await marketVersions(ds, { from: BEGINNING, to }), await pricePointsObserved(ds, { from, to }), await hypeScoreVersions(ds, { from, to }),
  ];
  const snapshots = (await selectRange(ds, 'SELECT * FROM market_snapshots', 'ts', from, to, 'ts, cycle_id, market_id')).map(toSnapshot);
  const books = (await selectRange(ds, 'SELECT * FROM book_summaries', 'ts', from, to, 'ts, cycle_id, token_id')).map(toBook);
  const analyses = (await selectRange(ds, `SELECT ${ANALYSIS_COLUMNS.join(', ')} FROM market_analysis`, 'ts', BEGINNING, to, 'ts, market_id')).map(toMarketAnalysis);
  return { markets, snapshots, books, prices, hype, analyses };
}

async function selectRange(ds: DataSource, select: string, column: string, from: string, to: string, order: string): Promise<Record<string, unknown>[]> {
  const [a, b] = engineOfDataSource(ds) === 'postgres' ? ['$1', '$2'] : ['?', '?'];
  return withRunner(ds, async (runner) => (await execute(runner, `${select} WHERE ${column} >= ${a} AND ${column} < ${b} ORDER BY ${order}`, [from, to])).rows as Record<string, unknown>[]);
}
