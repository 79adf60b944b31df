import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One value an interval's hype score had from `observed_at` on: hype_scores keeps only the latest (an interval
 * is re-scored as late posts arrive), this keeps each. Appended by a database trigger, never updated.
 */
@Entity({ name: 'hype_score_versions' })
@Index('IDX_hype_score_versions_market_interval', ['marketId', 'intervalStart', 'observedAt'])
export class HypeScoreVersionEntity {
  @PrimaryGeneratedColumn({ type: 'integer', primaryKeyConstraintName: 'PK_hype_score_versions' }) id!: number;
  @Column({ name: 'market_id', type: 'varchar' }) marketId!: string;
  @Column({ name: 'interval_start', type: 'varchar', length: 32 }) intervalStart!: string;
  @Column({ name: 'observed_at', type: 'varchar', length: 32 }) observedAt!: string;
  @Column({ type: 'integer' }) mentions!: number;
  @Column({ name: 'mentions_z', type: 'double precision' }) mentionsZ!: number;
  @Column({ type: 'double precision' }) velocity!: number;
  @Column({ type: 'double precision' }) sentiment!: number;
  @Column({ name: 'hype_score', type: 'double precision' }) hypeScore!: number;
}
