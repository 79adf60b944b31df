import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

import { dbl, index, short, str, text } from './columns';

const COLUMNS = [
  new TableColumn({ ...short('status', 16), default: "'published'" }),
  new TableColumn(text('note', true)),
  new TableColumn(dbl('stake', true)),
  new TableColumn(str('sector', true)),
];
const STATUS_TS = index('signals', 'status_ts', ['status', 'ts']);

/**
 * The signals journal (docs/signals.md): every signal the rules produced, with what became of it —
 * `published`, `suppressed` (sized to 0; `note` says which cap), `halted` (the kill switch was on when it
 * was due) or `failed` (the bus refused it) — its USDC stake and the sector it was charged to. Only
 * published rows count for the cooldown; (status, ts) serves the recent list and the cooldown read.
 */
export class Signals1764500000000 implements MigrationInterface {
  name = 'Signals1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('signals', COLUMNS.map((c) => c.clone()));
    await queryRunner.createIndex('signals', STATUS_TS.clone());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('signals', STATUS_TS.name!);
    for (const c of [...COLUMNS].reverse()) await queryRunner.dropColumn('signals', c.name);
  }
}
