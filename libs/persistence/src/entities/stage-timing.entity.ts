import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** How long one stage of one cycle of one service took (the profiler, docs/profiler.md). Stage `total` is the whole cycle. */
@Entity({ name: 'stage_timings' })
@Index('IDX_stage_timings_cycle_started', ['cycle', 'started_at'])
@Index('IDX_stage_timings_started', ['started_at'])
export class StageTimingEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_stage_timings', type: 'varchar' }) service!: string;
  /** collection, quality, hype, analysis, signals, risk, notify */
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_stage_timings', type: 'varchar' }) cycle!: string;
  /** the cycle's id: its start time, a run id, or (risk) the signal id */
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_stage_timings', type: 'varchar' }) cycle_id!: string;
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_stage_timings', type: 'varchar' }) stage!: string;
  @Column({ type: 'varchar', length: 32 }) started_at!: string;
  @Column({ type: 'double precision' }) duration_ms!: number;
  /** ok | failed */
  @Column({ type: 'varchar', length: 8 }) outcome!: string;
}
