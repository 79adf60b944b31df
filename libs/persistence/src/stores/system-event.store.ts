import type { DataSource } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import type { SystemEventRecord } from '../records';
import { execute, withRunner } from '../sql/exclusive';
import { Upsert } from '../sql/upsert';
import { toIso } from '../sql/values';

/** The journal of kills and resets. */
export class SystemEventStore {
  private readonly engine: Engine;
  private readonly insert: Upsert;

  constructor(private readonly ds: DataSource) {
    this.engine = engineOfDataSource(ds);
    this.insert = new Upsert(this.engine, { table: 'system_events', columns: ['id', 'kind', 'reason', 'source', 'ts'], conflict: ['id'], update: [] });
  }

  /** Idempotent by id: a redelivered event is ignored. Resolves true when the event was new. */
  async record(e: SystemEventRecord): Promise<boolean> {
    try {
      const row = [e.id, e.kind, e.reason, e.source, toIso(e.ts, 'system event ts')];
      return (await withRunner(this.ds, (runner) => this.insert.run(runner, [row]))) === 1;
    } catch (err) {
      throw new PersistenceError(`system event ${e.id} not recorded: ${messageOf(err)}`, { cause: err });
    }
  }

  /** The newest `limit` events, newest first. */
  async list(limit = 100): Promise<SystemEventRecord[]> {
    const sql = `SELECT id, kind, reason, source, ts FROM system_events ORDER BY ts DESC, id DESC LIMIT ${this.engine === 'postgres' ? '$1' : '?'}`;
    const rows = await withRunner(this.ds, async (runner) => (await execute(runner, sql, [Math.max(1, Math.floor(limit))])).rows);
    return rows.map((r) => ({ id: String(r.id), kind: String(r.kind) as SystemEventRecord['kind'], reason: String(r.reason), source: String(r.source), ts: String(r.ts) }));
  }
}
