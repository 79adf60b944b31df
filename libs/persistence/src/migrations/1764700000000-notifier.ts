import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { bool, index, int, key, str, text, time } from './columns';

const TABLES: Table[] = [
  new Table({
    name: 'alert_outbox',
    columns: [
      key(str('alert_id'), 'alert_outbox'), str('kind'), str('chat_id'), text('text'), bool('silent'), int('priority'), int('attempts'),
      time('next_attempt_at'), time('created_at'), text('last_error', true),
    ],
    indices: [index('alert_outbox', 'chat_order', ['chat_id', 'priority', 'created_at'])],
  }),
  new Table({
    name: 'alert_rejections',
    columns: [key(str('event_id'), 'alert_rejections'), str('market_id'), text('reasons'), time('ts'), str('summary_id', true)],
    indices: [index('alert_rejections', 'summary', ['summary_id'])],
  }),
];

/**
 * The notifier's durable state (docs/notifier.md): the outbox of alerts accepted from the bus and not
 * yet delivered, and the risk rejections waiting for their summary. Delivered and failed alerts are
 * recorded in the existing `alerts` table, which also serves deduplication by alert id.
 */
export class Notifier1764700000000 implements MigrationInterface {
  name = 'Notifier1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.createTable(table.clone(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true, true, true);
  }
}
