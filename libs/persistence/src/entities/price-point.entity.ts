import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MarketEntity } from './market.entity';
import { bigintNumber } from './transformers';

/** One point of a token's CLOB price history. Key: (token_id, t). */
@Entity({ name: 'price_history' })
@Index('IDX_price_history_market_t', ['marketId', 't'])
export class PricePointEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_price_history', name: 'token_id', type: 'varchar' }) tokenId!: string;
  /** Epoch seconds (as the CLOB API gives them). */
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_price_history', type: 'bigint', transformer: bigintNumber }) t!: number;
  @Column({ name: 'market_id', type: 'varchar' }) marketId!: string;
  @Column({ type: 'double precision' }) price!: number;
  /** When the system first stored the point (backfilled history arrives long after t). Kept on re-fetch. */
  @Column({ name: 'observed_at', type: 'varchar', length: 32, nullable: true }) observedAt!: string | null;

  @ManyToOne(() => MarketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'market_id', foreignKeyConstraintName: 'FK_price_history_market' })
  market?: MarketEntity;
}
