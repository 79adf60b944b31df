import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Order-book microstructure of one outcome token in one analysis run. Key: (run_id, token_id).
 * realized_volatility and price_impact are NULL when they cannot be computed (too few prices; empty side).
 */
@Entity({ name: 'market_microstructure' })
@Index('IDX_market_microstructure_market_ts', ['marketId', 'ts'])
export class MicrostructureEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_market_microstructure', name: 'run_id', type: 'varchar' }) runId!: string;
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_market_microstructure', name: 'token_id', type: 'varchar' }) tokenId!: string;
  @Column({ name: 'market_id', type: 'varchar' }) marketId!: string;
  @Column({ type: 'varchar', length: 32 }) ts!: string;
  @Column({ type: 'double precision' }) spread!: number;
  @Column({ type: 'double precision' }) mid!: number;
  @Column({ type: 'double precision' }) depth!: number;
  @Column({ type: 'double precision' }) imbalance!: number;
  @Column({ name: 'realized_volatility', type: 'double precision', nullable: true }) realizedVolatility!: number | null;
  @Column({ name: 'price_impact', type: 'double precision', nullable: true }) priceImpact!: number | null;
}
