import type { DataSource, QueryRunner } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { execute, withRunner } from '../sql/exclusive';
import type { BoundStatement } from '../sql/inline-writer';
import { Upsert } from '../sql/upsert';
import type { RiskStateRecord } from './risk.records';
import { STATE_COLUMNS, STATE_ID, stateRow, toState } from './risk.rows';

/** The one-row risk state (trading day, start-of-day equity, high-water mark, breaker) that survives restarts. */
export class RiskStateStore {
  private readonly engine: Engine;
  private readonly upsert: Upsert;

  constructor(private readonly ds: DataSource) {
    this.engine = engineOfDataSource(ds);
    this.upsert = new Upsert(this.engine, { table: 'risk_state', columns: STATE_COLUMNS, conflict: ['id'], update: STATE_COLUMNS.slice(1) });
  }

  /** The stored state, or null before the risk service first ran. */
  async load(): Promise<RiskStateRecord | null> {
    const sql = `SELECT ${STATE_COLUMNS.join(', ')} FROM risk_state WHERE id = ${this.engine === 'postgres' ? '$1' : '?'}`;
    const [row] = await withRunner(this.ds, async (runner) => (await execute(runner, sql, [STATE_ID])).rows);
    return row ? toState(row) : null;
  }

  async save(state: RiskStateRecord): Promise<void> {
    await withRunner(this.ds, (runner) => this.saveWith(runner, state));
  }

  /** The save as one SQLite statement (for a caller's runInlineTransaction). */
  saveBound(state: RiskStateRecord): BoundStatement {
    return this.upsert.bound([stateRow(state)]);
  }

  /** Inside a caller's transaction. */
  async saveWith(runner: QueryRunner, state: RiskStateRecord): Promise<void> {
    await this.upsert.run(runner, [stateRow(state)]);
  }
}
