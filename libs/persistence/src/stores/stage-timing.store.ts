import type { DataSource } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import { execute, withRunner, withTransaction } from '../sql/exclusive';
import { Upsert } from '../sql/upsert';
import { readNum, toIso } from '../sql/values';

/** A row of `stage_timings` (the same shape as platform's StageTimingRow, so this store is its StageTimingSink). */
export interface StageTimingRecord {
  readonly service: string;
  readonly cycle: string;
  readonly cycleId: string;
  readonly startedAt: string;
  readonly stage: string;
  readonly durationMs: number;
  readonly outcome: 'ok' | 'failed';
}

export interface StageTimingQuery {
  /** one cycle name (collection, hype, …); default every cycle in the table */
  cycle?: string;
  /** the newest N cycles of each cycle name (by their `total` row's start) */
  lastCycles: number;
}

const COLUMNS = ['service', 'cycle', 'cycle_id', 'stage', 'started_at', 'duration_ms', 'outcome'] as const;

/** The profiler's table: each service writes its own cycles, one insert per cycle (risk: per interval); the CLI reads. */
export class StageTimingStore {
  private readonly engine: Engine;
  private readonly upsert: Upsert;

  constructor(private readonly ds: DataSource) {
    this.engine = engineOfDataSource(ds);
    this.upsert = new Upsert(this.engine, { table: 'stage_timings', columns: COLUMNS, conflict: ['service', 'cycle', 'cycle_id', 'stage'], update: ['started_at', 'duration_ms', 'outcome'] });
  }

  /** One transaction for the batch; a rewritten cycle (same key) replaces its rows. Resolves the rows written. */
  async saveStageTimings(rows: readonly StageTimingRecord[]): Promise<number> {
    if (rows.length === 0) return 0;
    let values: unknown[][];
    try {
      values = rows.map((r) => {
        if (!Number.isFinite(r.durationMs) || r.durationMs < 0) throw new PersistenceError(`stage timing ${r.cycle}.${r.stage}: durationMs must be a finite number ≥ 0, got ${r.durationMs}`);
        return [r.service, r.cycle, r.cycleId, r.stage, toIso(r.startedAt, 'stage timing startedAt'), r.durationMs, r.outcome];
      });
      return await withTransaction(this.ds, (runner) => this.upsert.run(runner, values));
    } catch (err) {
      if (err instanceof PersistenceError) throw err;
      throw new PersistenceError(`stage timings not stored (${rows.length} rows): ${messageOf(err)}`, { cause: err });
    }
  }

  /** Cycle names present, sorted. */
  async cycles(): Promise<string[]> {
    const rows = await withRunner(this.ds, async (runner) => (await execute(runner, 'SELECT DISTINCT cycle FROM stage_timings ORDER BY cycle')).rows);
    return rows.map((r) => String(r.cycle));
  }

  /** The rows of the newest `lastCycles` cycles of each cycle name (or of `cycle`), oldest first. */
  async recent(query: StageTimingQuery): Promise<StageTimingRecord[]> {
    const limit = Math.max(1, Math.floor(query.lastCycles));
    const names = query.cycle !== undefined ? [query.cycle] : await this.cycles();
    const p = (n: number) => (this.engine === 'postgres' ? `$${n}` : '?');
    const sql = `SELECT ${COLUMNS.join(', ')} FROM stage_timings WHERE cycle = ${p(1)} AND cycle_id IN (` +
      `SELECT cycle_id FROM stage_timings WHERE cycle = ${p(2)} AND stage = 'total' ORDER BY started_at DESC LIMIT ${p(3)}) ORDER BY started_at, cycle_id, stage`;
    const out: StageTimingRecord[] = [];
    await withRunner(this.ds, async (runner) => {
      for (const name of names) {
        for (const r of (await execute(runner, sql, [name, name, limit])).rows) {
          out.push({
            service: String(r.service), cycle: String(r.cycle), cycleId: String(r.cycle_id), stage: String(r.stage),
            startedAt: String(r.started_at), durationMs: readNum(r.duration_ms), outcome: r.outcome === 'failed' ? 'failed' : 'ok',
          });
        }
      }
    });
    return out;
  }
}
