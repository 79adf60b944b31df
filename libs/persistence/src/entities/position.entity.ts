import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One open (paper or live) position per outcome token. A closed position's row is deleted; its trade stays in `trades`. */
@Entity({ name: 'positions' })
export class PositionEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_positions', name: 'market_id', type: 'varchar' }) marketId!: string;
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_positions', name: 'token_id', type: 'varchar' }) tokenId!: string;
  /** The trade (in `trades`) this position belongs to, from open to close. */
  @Column({ name: 'trade_id', type: 'varchar' }) tradeId!: string;
  @Column({ type: 'varchar' }) outcome!: string;
  @Column({ type: 'varchar', nullable: true }) sector!: string | null;
  /** 'BUY' (long the token) | 'SELL' (short: collateral 1 − price per share) */
  @Column({ type: 'varchar', length: 8 }) side!: string;
  /** Shares. */
  @Column({ type: 'double precision' }) size!: number;
  @Column({ name: 'avg_price', type: 'double precision' }) avgPrice!: number;
  /** USDC put at risk at entry: size × avgPrice (BUY) or size × (1 − avgPrice) (SELL). */
  @Column({ type: 'double precision' }) cost!: number;
  @Column({ name: 'mark_price', type: 'double precision', nullable: true }) markPrice!: number | null;
  @Column({ name: 'marked_at', type: 'varchar', length: 32, nullable: true }) markedAt!: string | null;
  /** Fees paid on this position so far. */
  @Column({ type: 'double precision' }) fees!: number;
  /** Realized PnL (net of fees) of this position so far: entry fees and partial reductions. */
  @Column({ name: 'realized_pnl', type: 'double precision' }) realizedPnl!: number;
  @Column({ name: 'opened_at', type: 'varchar', length: 32 }) openedAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 32 }) updatedAt!: string;
}
