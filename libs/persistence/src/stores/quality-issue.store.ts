import type { DataSource } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import type { QualityIssueRecord, QualitySeverity } from '../records';
import { execute, withRunner, withTransaction } from '../sql/exclusive';
import { Upsert } from '../sql/upsert';
import { toIso } from '../sql/values';

export interface QualityIssueQuery {
  marketId?: string;
  /** Only issues with ts ≥ since (ISO). */
  since?: string;
  /** Default 1000. */
  limit?: number;
}

/** Data-quality findings, one row per (market, cycle, kind). */
export class QualityIssueStore {
  private readonly engine: Engine;
  private readonly upsert: Upsert;

  constructor(private readonly ds: DataSource) {
    this.engine = engineOfDataSource(ds);
    this.upsert = new Upsert(this.engine, {
      table: 'quality_issues',
      columns: ['market_id', 'cycle_id', 'kind', 'severity', 'detail', 'ts'],
      conflict: ['market_id', 'cycle_id', 'kind'],
      update: ['severity', 'detail', 'ts'],
    });
  }

  /** Idempotent: saving the same (market, cycle, kind) again updates it. One transaction. Returns rows written. */
  async save(issues: readonly QualityIssueRecord[]): Promise<number> {
    if (issues.length === 0) return 0;
    try {
      const rows = issues.map((i) => [i.marketId, i.cycleId, i.kind, i.severity, i.detail, toIso(i.ts, 'quality issue ts')]);
      return await withTransaction(this.ds, (runner) => this.upsert.run(runner, rows));
    } catch (err) {
      throw new PersistenceError(`quality issues not saved: ${messageOf(err)}`, { cause: err });
    }
  }

  /** Newest first. */
  async list(query: QualityIssueQuery = {}): Promise<QualityIssueRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = () => (this.engine === 'postgres' ? `$${params.length}` : '?');
    if (query.marketId !== undefined) {
      params.push(query.marketId);
      where.push(`market_id = ${p()}`);
    }
    if (query.since !== undefined) {
      params.push(toIso(query.since, 'since'));
      where.push(`ts >= ${p()}`);
    }
    params.push(Math.max(1, Math.floor(query.limit ?? 1000)));
    const sql = `SELECT * FROM quality_issues ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ts DESC, market_id, kind LIMIT ${p()}`;
    const rows = await withRunner(this.ds, async (runner) => (await execute(runner, sql, params)).rows);
    return rows.map((r) => ({
      marketId: String(r.market_id), cycleId: String(r.cycle_id), kind: String(r.kind), severity: String(r.severity) as QualitySeverity,
      detail: String(r.detail), ts: String(r.ts),
    }));
  }
}
