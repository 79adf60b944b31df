import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { jsonText } from './transformers';

/**
 * What the system knew of a market from `observed_at` on (docs/backtest.md, Point-in-time data). Appended by
 * a database trigger whenever a row of `markets` is inserted or one of these fields changes; never updated.
 */
@Entity({ name: 'market_versions' })
@Index('IDX_market_versions_market_observed', ['marketId', 'observedAt'])
export class MarketVersionEntity {
  @PrimaryGeneratedColumn({ type: 'integer', primaryKeyConstraintName: 'PK_market_versions' }) id!: number;
  @Column({ name: 'market_id', type: 'varchar' }) marketId!: string;
  /** The collection cycle that wrote the change (markets.updated_at). */
  @Column({ name: 'observed_at', type: 'varchar', length: 32 }) observedAt!: string;
  @Column({ type: 'text' }) question!: string;
  @Column({ type: 'varchar', nullable: true }) category!: string | null;
  @Column({ type: 'text', transformer: jsonText<string[]>() }) tags!: string[];
  @Column({ name: 'end_date', type: 'varchar', length: 32, nullable: true }) endDate!: string | null;
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ type: 'boolean' }) closed!: boolean;
  @Column({ type: 'text', transformer: jsonText<string[]>() }) outcomes!: string[];
  @Column({ name: 'token_ids', type: 'text', transformer: jsonText<string[]>() }) tokenIds!: string[];
}
