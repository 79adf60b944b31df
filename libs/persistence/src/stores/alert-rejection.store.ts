import type { DataSource } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import { execute, withRunner, withTransaction } from '../sql/exclusive';
import { placeholders, Upsert } from '../sql/upsert';
import { chunk, readJson, toIso } from '../sql/values';
import { NewAlert, queueAlerts } from './alert.store';

const IDS_PER_QUERY = 500;

/** One risk rejection waiting for the next summary. */
export interface AlertRejectionRecord {
  eventId: string;
  marketId: string;
  reasons: string[];
  ts: string;
}

/**
 * risk.rejected events are summarized, not sent one by one: each is kept here until the next summary,
 * which is queued into the outbox in the same transaction that marks its rejections summarized — so a
 * crash can neither lose a rejection nor summarize it twice.
 */
export class AlertRejectionStore {
  private readonly engine: Engine;
  private readonly insert: Upsert;

  constructor(private readonly ds: DataSource) {
    this.engine = engineOfDataSource(ds);
    this.insert = new Upsert(this.engine, { table: 'alert_rejections', columns: ['event_id', 'market_id', 'reasons', 'ts', 'summary_id'], conflict: ['event_id'], update: [] });
  }

  /** Idempotent by event id; resolves true when the rejection was new. */
  async add(r: AlertRejectionRecord): Promise<boolean> {
    try {
      const row = [r.eventId, r.marketId, JSON.stringify(r.reasons), toIso(r.ts, 'rejection ts'), null];
      return (await withRunner(this.ds, (runner) => this.insert.run(runner, [row]))) === 1;
    } catch (err) {
      throw new PersistenceError(`rejection ${r.eventId} not stored: ${messageOf(err)}`, { cause: err });
    }
  }

  /**
   * Takes every rejection not yet summarized (oldest first), lets `build` turn them into alerts, queues
   * those and marks the rejections with `summaryId` — one transaction. Resolves with the rejections taken
   * (none: nothing queued).
   */
  async summarize(summaryId: string, build: (rows: AlertRejectionRecord[]) => NewAlert[]): Promise<AlertRejectionRecord[]> {
    const p = (n: number) => (this.engine === 'postgres' ? `$${n}` : '?');
    try {
      return await withTransaction(this.ds, async (runner) => {
        const { rows } = await execute(runner, 'SELECT event_id, market_id, reasons, ts FROM alert_rejections WHERE summary_id IS NULL ORDER BY ts, event_id');
        const taken = rows.map((r) => ({ eventId: String(r.event_id), marketId: String(r.market_id), reasons: readJson<string[]>(r.reasons, []), ts: String(r.ts) }));
        if (taken.length === 0) return taken;
        await queueAlerts(runner, this.engine, build(taken));
        for (const ids of chunk(taken.map((t) => t.eventId), IDS_PER_QUERY)) {
          await execute(runner, `UPDATE alert_rejections SET summary_id = ${p(1)} WHERE event_id IN (${placeholders(this.engine, ids.length, 1)})`, [summaryId, ...ids]);
        }
        return taken;
      });
    } catch (err) {
      throw new PersistenceError(`rejection summary ${summaryId} not queued: ${messageOf(err)}`, { cause: err });
    }
  }
}
