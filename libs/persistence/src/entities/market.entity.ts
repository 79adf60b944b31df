import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonText } from './transformers';

/** A Polymarket market as last seen on Gamma. Times are ISO-8601 UTC strings. */
@Entity({ name: 'markets' })
@Index('IDX_markets_condition_id', ['conditionId'])
export class MarketEntity {
  /** Gamma market id. */
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_markets', type: 'varchar' }) id!: string;
  @Column({ name: 'condition_id', type: 'varchar' }) conditionId!: string;
  @Column({ type: 'varchar' }) slug!: string;
  @Column({ type: 'text' }) question!: string;
  /** First tag label, if any. */
  @Column({ type: 'varchar', nullable: true }) category!: string | null;
  @Column({ type: 'text', transformer: jsonText<string[]>() }) tags!: string[];
  @Column({ name: 'end_date', type: 'varchar', length: 32, nullable: true }) endDate!: string | null;
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ type: 'boolean' }) closed!: boolean;
  @Column({ type: 'text', transformer: jsonText<string[]>() }) outcomes!: string[];
  @Column({ name: 'token_ids', type: 'text', transformer: jsonText<string[]>() }) tokenIds!: string[];
  @Column({ name: 'first_seen_at', type: 'varchar', length: 32 }) firstSeenAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 32 }) updatedAt!: string;
}
