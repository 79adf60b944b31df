import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Hype of one market over one interval. Key: (market_id, interval_start), which also serves market+time reads. */
@Entity({ name: 'hype_scores' })
export class HypeScoreEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_hype_scores', name: 'market_id', type: 'varchar' }) marketId!: string;
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_hype_scores', name: 'interval_start', type: 'varchar', length: 32 }) intervalStart!: string;
  @Column({ type: 'integer' }) mentions!: number;
  @Column({ name: 'mentions_z', type: 'double precision' }) mentionsZ!: number;
  @Column({ type: 'double precision' }) velocity!: number;
  @Column({ type: 'double precision' }) sentiment!: number;
  @Column({ name: 'hype_score', type: 'double precision' }) hypeScore!: number;
  /** When this value was written; every value it had is in hype_score_versions. */
  @Column({ name: 'observed_at', type: 'varchar', length: 32, nullable: true }) observedAt!: string | null;
}
