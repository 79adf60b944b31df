import type { DataSource } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import { execute, withRunner, withTransaction } from '../sql/exclusive';
import { placeholders, Upsert } from '../sql/upsert';
import { chunk, num, readNum, toIso } from '../sql/values';

/** Hype of one market over one interval of the grid (see docs/hype.md). */
export interface HypeScoreRecord {
  marketId: string;
  /** Start of the interval (ISO, on the interval grid). */
  intervalStart: string;
  /** Posts + news articles in the interval (a whole number). */
  mentions: number;
  mentionsZ: number;
  velocity: number;
  /** Mean VADER compound of the interval's texts, in [-1, 1]. */
  sentiment: number;
  hypeScore: number;
}

export interface HypeScoreQuery {
  /** Only these markets (all when omitted). */
  marketIds?: readonly string[];
  /** interval_start ≥ from (ISO). */
  from: string;
  /** interval_start < to (ISO); open-ended when omitted. */
  to?: string;
}

const IDS_PER_QUERY = 500;
const COLUMNS = ['market_id', 'interval_start', 'mentions', 'mentions_z', 'velocity', 'sentiment', 'hype_score', 'observed_at'] as const;

/**
 * The hype time series: one row per (market_id, interval_start) — the same grid as the snapshots,
 * so the two join on time for Granger tests. Writes are idempotent upserts (a re-scored interval
 * replaces its row), one transaction per call.
 */
export class HypeScoreStore {
  private readonly engine: Engine;
  private readonly upsert: Upsert;

  constructor(private readonly ds: DataSource) {
    this.engine = engineOfDataSource(ds);
    this.upsert = new Upsert(this.engine, {
      table: 'hype_scores', columns: COLUMNS, conflict: ['market_id', 'interval_start'], update: COLUMNS.slice(2),
    });
  }

  /**
   * Upserts by (market, interval start), all or nothing. Returns rows inserted or updated. `observedAt` is when
   * the values were computed (default: now); a value that changed is kept in hype_score_versions by a trigger.
   */
  async save(records: readonly HypeScoreRecord[], observedAt: string = new Date().toISOString()): Promise<number> {
    if (records.length === 0) return 0;
    let rows: unknown[][];
    try {
      const observed = toIso(observedAt, 'hype observedAt');
      rows = records.map((r) => [
        r.marketId, toIso(r.intervalStart, 'hype interval_start'), Number.isFinite(r.mentions) ? Math.round(r.mentions) : null,
        num(r.mentionsZ), num(r.velocity), num(r.sentiment), num(r.hypeScore), observed,
      ]);
    } catch (err) {
      throw new PersistenceError(`hype scores not saved: ${messageOf(err)}`, { cause: err });
    }
    try {
      return await withTransaction(this.ds, (runner) => this.upsert.run(runner, rows));
    } catch (err) {
      throw new PersistenceError(`hype scores not saved (rolled back): ${messageOf(err)}`, { cause: err });
    }
  }

  /**
   * Rows with from ≤ interval_start < to, ordered by market then time. With `marketIds`, read market by
   * market through the primary key (market_id, interval_start) in statements of at most 500 ids.
   */
  async between(query: HypeScoreQuery): Promise<HypeScoreRecord[]> {
    const from = toIso(query.from, 'from');
    const to = query.to === undefined ? null : toIso(query.to, 'to');
    const out: HypeScoreRecord[] = [];
    const parts = query.marketIds === undefined ? [null] : chunk([...new Set(query.marketIds)].sort(), IDS_PER_QUERY);
    for (const ids of parts) {
      if (ids !== null && ids.length === 0) continue;
      const params: unknown[] = [from];
      let where = `interval_start >= ${this.p(1)}`;
      if (to !== null) {
        params.push(to);
        where += ` AND interval_start < ${this.p(params.length)}`;
      }
      if (ids !== null) {
        where += ` AND market_id IN (${placeholders(this.engine, ids.length, params.length)})`;
        params.push(...ids);
      }
      const sql = `SELECT ${COLUMNS.join(', ')} FROM hype_scores WHERE ${where} ORDER BY market_id, interval_start`;
      const rows = await withRunner(this.ds, async (runner) => (await execute(runner, sql, params)).rows);
      for (const r of rows) {
        out.push({
          marketId: String(r.market_id), intervalStart: String(r.interval_start), mentions: readNum(r.mentions), mentionsZ: readNum(r.mentions_z),
          velocity: readNum(r.velocity), sentiment: readNum(r.sentiment), hypeScore: readNum(r.hype_score),
        });
      }
    }
    return out;
  }

  private p(n: number): string {
    return this.engine === 'postgres' ? `$${n}` : '?';
  }
}
