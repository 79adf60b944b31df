import type { ControlLedger, ControlMark, StorageConfig } from '@polytrader/platform';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { engineOfDataSource } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import { execute, withRunner } from '../sql/exclusive';

const STREAM = 'CONTROL';

/** The kill switch's record of the CONTROL stream, in the services' database (one row). */
export class ControlLedgerStore implements ControlLedger {
  private readonly p: (n: number) => string;

  constructor(private readonly ds: DataSource, private readonly ownsDataSource = false) {
    this.p = engineOfDataSource(ds) === 'postgres' ? (n) => `$${n}` : () => '?';
  }

  async read(): Promise<ControlMark | null> {
    const rows = await this.run('read', `SELECT stream_created, last_seq FROM control_ledger WHERE stream = ${this.p(1)}`, [STREAM]);
    const row = rows[0];
    return row ? { streamCreated: String(row.stream_created), lastSeq: Number(row.last_seq) } : null;
  }

  /** Raises last_seq of the same stream; a lower seq or another stream's mark changes nothing. */
  async advance(mark: ControlMark): Promise<void> {
    const p = this.p;
    await this.run('advance', `UPDATE control_ledger SET last_seq = ${p(1)}, updated_at = ${p(2)} WHERE stream = ${p(3)} AND stream_created = ${p(4)} AND last_seq < ${p(5)}`,
      [mark.lastSeq, new Date().toISOString(), STREAM, mark.streamCreated, mark.lastSeq]);
  }

  /** Records this stream as the one CONTROL is (first start, or a new stream after a wipe was handled). */
  async adopt(mark: ControlMark): Promise<void> {
    const p = this.p;
    await this.run('adopt', `INSERT INTO control_ledger (stream, stream_created, last_seq, updated_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}) ` +
      'ON CONFLICT (stream) DO UPDATE SET stream_created = excluded.stream_created, last_seq = excluded.last_seq, updated_at = excluded.updated_at',
    [STREAM, mark.streamCreated, mark.lastSeq, new Date().toISOString()]);
  }

  async close(): Promise<void> {
    if (this.ownsDataSource) await this.ds.destroy();
  }

  private async run(what: string, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    try {
      return await withRunner(this.ds, async (runner) => (await execute(runner, sql, params)).rows);
    } catch (err) {
      throw new PersistenceError(`control ledger ${what} failed: ${messageOf(err)}`, { cause: err });
    }
  }
}

/** The ledger on its own connection to `storage.url` (migrations run), for the kill switch before the service's database opens. */
export async function openControlLedger(config: { storage: Pick<StorageConfig, 'url'> }): Promise<ControlLedger> {
  return new ControlLedgerStore(await createDataSource(config.storage), true);
}
