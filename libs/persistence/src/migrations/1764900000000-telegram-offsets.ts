import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { key, str, time } from './columns';

const TABLE = new Table({
  name: 'telegram_offsets',
  columns: [key(str('bot_id'), 'telegram_offsets'), { name: 'next_offset', type: 'bigint' }, time('updated_at')],
});

/**
 * The notifier's getUpdates position per bot (docs/notifier.md, Commands): the next update id to ask for,
 * stored in the transaction that queues the reply of the update before it — a restart neither replays
 * nor skips a command.
 */
export class TelegramOffsets1764900000000 implements MigrationInterface {
  name = 'TelegramOffsets1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // no IF NOT EXISTS: the loser of a concurrent start must fail and roll back, not record this migration twice (run-migrations.ts)
    await queryRunner.createTable(TABLE.clone(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(TABLE.name, true, true, true);
  }
}
