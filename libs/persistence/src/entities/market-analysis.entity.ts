import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One market's correlation result in one analysis run (Granger both ways, BH-adjusted, ranked).
 * Key: (run_id, market_id); (market_id, ts) serves "each market's newest row".
 */
@Entity({ name: 'market_analysis' })
@Index('IDX_market_analysis_market_ts', ['marketId', 'ts'])
export class MarketAnalysisEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_market_analysis', name: 'run_id', type: 'varchar' }) runId!: string;
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_market_analysis', name: 'market_id', type: 'varchar' }) marketId!: string;
  @Column({ type: 'varchar', length: 32 }) ts!: string;
  @Column({ type: 'integer' }) points!: number;
  @Column({ name: 'hype_to_price_p', type: 'double precision' }) hypeToPriceP!: number;
  @Column({ name: 'hype_to_price_lag', type: 'integer' }) hypeToPriceLag!: number;
  @Column({ name: 'hype_to_price_f', type: 'double precision' }) hypeToPriceF!: number;
  @Column({ name: 'price_to_hype_p', type: 'double precision' }) priceToHypeP!: number;
  @Column({ type: 'double precision' }) pearson!: number;
  @Column({ type: 'integer' }) rank!: number;
  /** Per-lag results of both directions, JSON. */
  @Column({ type: 'text' }) results!: string;
}
