import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { int, key, str, time } from './columns';

const TABLE = new Table({
  name: 'control_ledger',
  columns: [key(str('stream'), 'control_ledger'), str('stream_created'), int('last_seq'), time('updated_at')],
});

/**
 * The database's memory of the CONTROL stream (docs/architecture.md, "Kill switch"): which stream it was
 * (its creation time) and the highest kill/reset sequence seen in it. A stream that was deleted, recreated
 * or purged no longer matches, and the kill switch halts instead of reading "no kill".
 */
export class ControlLedger1764800000000 implements MigrationInterface {
  name = 'ControlLedger1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // no IF NOT EXISTS: the loser of a concurrent start must fail and roll back, not record this migration twice (run-migrations.ts)
    await queryRunner.createTable(TABLE.clone(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(TABLE.name, true, true, true);
  }
}
