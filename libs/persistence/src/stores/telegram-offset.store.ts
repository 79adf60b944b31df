import type { DataSource } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import { execute, withRunner, withTransaction } from '../sql/exclusive';
import { readNum } from '../sql/values';
import { NewAlert, queueAlerts } from './alert.store';

/** Where the notifier's getUpdates stands for one bot. */
export interface TelegramOffset {
  /** the next update id to ask for (every update below it was handled) */
  nextOffset: number;
  /** ISO: when it was last stored */
  updatedAt: string;
}

/**
 * The notifier's getUpdates offset, per bot (the numeric part of the token, which is not secret). Stored
 * in the transaction that queues the update's reply, so an update is handled once across restarts.
 */
export class TelegramOffsetStore {
  private readonly engine: Engine;

  constructor(private readonly ds: DataSource) {
    this.engine = engineOfDataSource(ds);
  }

  private p(n: number): string {
    return this.engine === 'postgres' ? `$${n}` : '?';
  }

  async read(botId: string): Promise<TelegramOffset | null> {
    try {
      const rows = await withRunner(this.ds, async (r) => (await execute(r, `SELECT next_offset, updated_at FROM telegram_offsets WHERE bot_id = ${this.p(1)}`, [botId])).rows);
      return rows.length ? { nextOffset: readNum(rows[0].next_offset), updatedAt: String(rows[0].updated_at) } : null;
    } catch (err) {
      throw new PersistenceError(`Telegram offset of bot ${botId} not read: ${messageOf(err)}`, { cause: err });
    }
  }

  /** One transaction: queues `replies` (idempotent by alert id) and stores `nextOffset` for the bot. */
  async handled(botId: string, nextOffset: number, replies: readonly NewAlert[] = []): Promise<void> {
    const p = (n: number) => this.p(n);
    try {
      await withTransaction(this.ds, async (runner) => {
        await queueAlerts(runner, this.engine, replies);
        await execute(runner, `INSERT INTO telegram_offsets (bot_id, next_offset, updated_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}) ` +
          'ON CONFLICT (bot_id) DO UPDATE SET next_offset = excluded.next_offset, updated_at = excluded.updated_at',
        [botId, Math.trunc(nextOffset), new Date().toISOString()]);
      });
    } catch (err) {
      throw new PersistenceError(`Telegram offset ${nextOffset} of bot ${botId} not stored: ${messageOf(err)}`, { cause: err });
    }
  }
}
