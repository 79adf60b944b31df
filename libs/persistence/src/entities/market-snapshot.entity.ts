import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MarketEntity } from './market.entity';
import { jsonText } from './transformers';

/**
 * One market's prices, volume and liquidity in one collection cycle. Key: (cycle_id, market_id) — in that
 * order so a cycle's rows land side by side in the key index instead of one page per market.
 */
@Entity({ name: 'market_snapshots' })
@Index('IDX_market_snapshots_market_ts', ['marketId', 'ts'])
export class MarketSnapshotEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_market_snapshots', name: 'cycle_id', type: 'varchar' }) cycleId!: string;
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_market_snapshots', name: 'market_id', type: 'varchar' }) marketId!: string;
  /** Cycle time, ISO-8601 UTC. */
  @Column({ type: 'varchar', length: 32 }) ts!: string;
  @Column({ name: 'outcome_prices', type: 'text', transformer: jsonText<number[]>() }) outcomePrices!: number[];
  @Column({ name: 'volume_24h', type: 'double precision', nullable: true }) volume24h!: number | null;
  @Column({ type: 'double precision', nullable: true }) liquidity!: number | null;
  @Column({ name: 'quality_flags', type: 'text', default: '[]', transformer: jsonText<string[]>() }) qualityFlags!: string[];

  @ManyToOne(() => MarketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'market_id', foreignKeyConstraintName: 'FK_market_snapshots_market' })
  market?: MarketEntity;
}
