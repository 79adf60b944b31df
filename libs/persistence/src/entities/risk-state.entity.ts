import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The risk engine's state that must survive a restart, one row (id 'risk'): trading day and its
 * start equity, high-water mark, cumulative realized PnL, execution error run, REDUCING command,
 * circuit-breaker trip and the keys of kills and warnings already published. JSON as text.
 */
@Entity({ name: 'risk_state' })
export class RiskStateEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_risk_state', type: 'varchar' }) id!: string;
  /** YYYY-MM-DD in risk.timezone. */
  @Column({ name: 'trading_day', type: 'varchar', length: 10 }) tradingDay!: string;
  @Column({ name: 'day_start_equity', type: 'double precision' }) dayStartEquity!: number;
  @Column({ name: 'high_water_mark', type: 'double precision' }) highWaterMark!: number;
  @Column({ name: 'realized_pnl', type: 'double precision' }) realizedPnl!: number;
  @Column({ name: 'consecutive_errors', type: 'integer' }) consecutiveErrors!: number;
  @Column({ type: 'text', nullable: true }) reducing!: string | null;
  @Column({ type: 'text', nullable: true }) breaker!: string | null;
  @Column({ name: 'fired_keys', type: 'text' }) firedKeys!: string;
  @Column({ name: 'warned_keys', type: 'text' }) warnedKeys!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 32 }) updatedAt!: string;
}
