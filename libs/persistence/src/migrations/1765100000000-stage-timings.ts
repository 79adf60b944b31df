import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { dbl, index, short, str, time } from './columns';

const pk = (name: string) => ({ ...str(name), isPrimary: true, primaryKeyConstraintName: 'PK_stage_timings' });

const TABLE = new Table({
  name: 'stage_timings',
  columns: [pk('service'), pk('cycle'), pk('cycle_id'), pk('stage'), time('started_at'), dbl('duration_ms'), short('outcome', 8)],
  indices: [index('stage_timings', 'cycle_started', ['cycle', 'started_at']), index('stage_timings', 'started', ['started_at'])],
});

/**
 * The profiler's per-stage timings (docs/profiler.md): one row per service, cycle, cycle id and stage, written
 * once per cycle by the service that ran it (risk: once per interval). Natural key, so a rewritten cycle
 * replaces its rows; `started_at` indexed for `polytrader profile --last N` and for retention.
 */
export class StageTimings1765100000000 implements MigrationInterface {
  name = 'StageTimings1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // no IF NOT EXISTS: the loser of a concurrent start must fail and roll back, not record this migration twice (run-migrations.ts)
    await queryRunner.createTable(TABLE.clone(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(TABLE.name, true, true, true);
  }
}
