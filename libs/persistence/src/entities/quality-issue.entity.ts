import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A data-quality finding on one market in one cycle. Key: (market_id, cycle_id, kind). */
@Entity({ name: 'quality_issues' })
@Index('IDX_quality_issues_market_ts', ['marketId', 'ts'])
@Index('IDX_quality_issues_ts', ['ts'])
export class QualityIssueEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_quality_issues', name: 'market_id', type: 'varchar' }) marketId!: string;
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_quality_issues', name: 'cycle_id', type: 'varchar' }) cycleId!: string;
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_quality_issues', type: 'varchar' }) kind!: string;
  /** 'info' | 'warning' | 'error' */
  @Column({ type: 'varchar', length: 16 }) severity!: string;
  @Column({ type: 'text' }) detail!: string;
  @Column({ type: 'varchar', length: 32 }) ts!: string;
}
