import type { DataSource, QueryRunner } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import { execute, withRunner, withTransaction } from '../sql/exclusive';
import { placeholders, Upsert } from '../sql/upsert';
import { chunk, readBool, readNum, toIso } from '../sql/values';

/** An alert to queue for one chat. `alertId` is its deduplication key (`<kind key>@<chat id>`). */
export interface NewAlert {
  alertId: string;
  kind: string;
  chatId: string;
  /** formatted for Telegram's HTML parse mode */
  text: string;
  silent: boolean;
  /** lower goes first (the notifier's priorityOf: 0 emergency, 1 reset and command replies, 2 health, 3 the rest) */
  priority: number;
  /** ISO; default now */
  createdAt?: string;
}

/** An alert in the outbox, waiting for (another) delivery attempt. */
export interface OutboxAlert extends Required<NewAlert> {
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

/** What happened to an alert in the end: the `alerts` table row. */
export interface AlertDeliveryRecord {
  alertId: string;
  kind: string;
  chatId: string;
  status: 'sent' | 'failed';
  attempts: number;
  error: string | null;
  ts: string;
}

const OUTBOX_COLUMNS = ['alert_id', 'kind', 'chat_id', 'text', 'silent', 'priority', 'attempts', 'next_attempt_at', 'created_at', 'last_error'] as const;
const IDS_PER_QUERY = 500;
/** Built once per engine rather than on every enqueue. */
const OUTBOX_INSERT: Record<Engine, Upsert> = {
  sqlite: new Upsert('sqlite', { table: 'alert_outbox', columns: OUTBOX_COLUMNS, conflict: ['alert_id'], update: [] }),
  postgres: new Upsert('postgres', { table: 'alert_outbox', columns: OUTBOX_COLUMNS, conflict: ['alert_id'], update: [] }),
};

/**
 * Queues alerts into `alert_outbox` — skipping any alert id already queued or already recorded in
 * `alerts` — inside the caller's transaction. Returns how many were queued.
 */
export async function queueAlerts(runner: QueryRunner, engine: Engine, alerts: readonly NewAlert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const done = new Set<string>();
  for (const ids of chunk(alerts.map((a) => a.alertId), IDS_PER_QUERY)) {
    const { rows } = await execute(runner, `SELECT alert_id FROM alerts WHERE alert_id IN (${placeholders(engine, ids.length)})`, ids);
    for (const r of rows) done.add(String(r.alert_id));
  }
  const now = new Date().toISOString();
  const rows = alerts.filter((a) => !done.has(a.alertId)).map((a) => {
    const created = toIso(a.createdAt ?? now, 'alert createdAt');
    return [a.alertId, a.kind, a.chatId, a.text, a.silent, Math.trunc(a.priority), 0, created, created, null];
  });
  if (rows.length === 0) return 0;
  return OUTBOX_INSERT[engine].run(runner, rows);
}

/**
 * The notifier's outbox and delivery journal. An alert is queued once (by id), delivered from the
 * outbox, and on its final outcome moved — in one transaction — from `alert_outbox` to `alerts`.
 */
export class AlertStore {
  private readonly engine: Engine;
  private readonly record: Upsert;

  constructor(private readonly ds: DataSource) {
    this.engine = engineOfDataSource(ds);
    this.record = new Upsert(this.engine, {
      table: 'alerts', columns: ['alert_id', 'kind', 'chat_id', 'status', 'attempts', 'error', 'ts'], conflict: ['alert_id'], update: [],
    });
  }

  private p(n: number): string {
    return this.engine === 'postgres' ? `$${n}` : '?';
  }

  /** Queues alerts not seen before (idempotent by alert id); resolves with how many were new. */
  async enqueue(alerts: readonly NewAlert[]): Promise<number> {
    try {
      return await withTransaction(this.ds, (runner) => queueAlerts(runner, this.engine, alerts));
    } catch (err) {
      throw new PersistenceError(`alerts not queued (${alerts.map((a) => a.alertId).join(', ')}): ${messageOf(err)}`, { cause: err });
    }
  }

  /** Chats with at least one alert in the outbox. */
  async pendingChats(): Promise<string[]> {
    const rows = await withRunner(this.ds, async (r) => (await execute(r, 'SELECT DISTINCT chat_id FROM alert_outbox')).rows);
    return rows.map((r) => String(r.chat_id));
  }

  /** The head of a chat's queue: lowest priority number first, then oldest. */
  async next(chatId: string): Promise<OutboxAlert | null> {
    const sql = `SELECT ${OUTBOX_COLUMNS.join(', ')} FROM alert_outbox WHERE chat_id = ${this.p(1)} ORDER BY priority, created_at, alert_id LIMIT 1`;
    const rows = await withRunner(this.ds, async (r) => (await execute(r, sql, [chatId])).rows);
    return rows.length ? toOutbox(rows[0]) : null;
  }

  /**
   * Per chat, the newest alert of `kind` queued or recorded at or after `sinceIso` (ISO; outbox
   * created_at or journal ts): how the notifier remembers its refusals across restarts.
   */
  async latestByChat(kind: string, sinceIso: string): Promise<Map<string, string>> {
    const since = toIso(sinceIso, 'since');
    const sql = `SELECT chat_id, MAX(ts) AS ts FROM (SELECT chat_id, ts FROM alerts WHERE kind = ${this.p(1)} AND ts >= ${this.p(2)} ` +
      `UNION ALL SELECT chat_id, created_at AS ts FROM alert_outbox WHERE kind = ${this.p(3)} AND created_at >= ${this.p(4)}) recent GROUP BY chat_id`;
    const rows = await withRunner(this.ds, async (r) => (await execute(r, sql, [kind, since, kind, since])).rows);
    return new Map(rows.map((r) => [String(r.chat_id), String(r.ts)]));
  }

  async outboxSize(): Promise<number> {
    const rows = await withRunner(this.ds, async (r) => (await execute(r, 'SELECT COUNT(*) AS n FROM alert_outbox')).rows);
    return readNum(rows[0].n);
  }

  /** A failed attempt that will be retried at `nextAttemptAt`. */
  async defer(alertId: string, attempts: number, nextAttemptAt: string, error: string): Promise<void> {
    const sql = `UPDATE alert_outbox SET attempts = ${this.p(1)}, next_attempt_at = ${this.p(2)}, last_error = ${this.p(3)} WHERE alert_id = ${this.p(4)}`;
    await withRunner(this.ds, (r) => execute(r, sql, [attempts, toIso(nextAttemptAt, 'nextAttemptAt'), error, alertId]));
  }

  /** The final outcome: the row leaves the outbox and is recorded in `alerts`, atomically. */
  async complete(outcome: AlertDeliveryRecord): Promise<void> {
    try {
      await withTransaction(this.ds, async (runner) => {
        await execute(runner, `DELETE FROM alert_outbox WHERE alert_id = ${this.p(1)}`, [outcome.alertId]);
        const row = [outcome.alertId, outcome.kind, outcome.chatId, outcome.status, outcome.attempts, outcome.error, toIso(outcome.ts, 'alert ts')];
        await this.record.run(runner, [row]);
      });
    } catch (err) {
      throw new PersistenceError(`alert ${outcome.alertId} not recorded as ${outcome.status}: ${messageOf(err)}`, { cause: err });
    }
  }

  /** The newest delivery records, newest first. */
  async recent(limit = 100): Promise<AlertDeliveryRecord[]> {
    const sql = `SELECT alert_id, kind, chat_id, status, attempts, error, ts FROM alerts ORDER BY ts DESC, alert_id DESC LIMIT ${this.p(1)}`;
    const rows = await withRunner(this.ds, async (r) => (await execute(r, sql, [Math.max(1, Math.floor(limit))])).rows);
    return rows.map((r) => ({
      alertId: String(r.alert_id), kind: String(r.kind), chatId: String(r.chat_id), status: String(r.status) as 'sent' | 'failed',
      attempts: readNum(r.attempts), error: r.error === null || r.error === undefined ? null : String(r.error), ts: String(r.ts),
    }));
  }
}

function toOutbox(r: Record<string, unknown>): OutboxAlert {
  return {
    alertId: String(r.alert_id), kind: String(r.kind), chatId: String(r.chat_id), text: String(r.text), silent: readBool(r.silent),
    priority: readNum(r.priority), attempts: readNum(r.attempts), nextAttemptAt: String(r.next_attempt_at), createdAt: String(r.created_at),
    lastError: r.last_error === null || r.last_error === undefined ? null : String(r.last_error),
  };
}
