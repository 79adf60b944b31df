import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A (paper or live) trade: opened, later closed with its realized PnL. Key: trade id. */
@Entity({ name: 'trades' })
@Index('IDX_trades_market_opened_at', ['marketId', 'openedAt'])
@Index('IDX_trades_status', ['status'])
export class TradeEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_trades', name: 'trade_id', type: 'varchar' }) tradeId!: string;
  @Column({ name: 'market_id', type: 'varchar' }) marketId!: string;
  @Column({ name: 'token_id', type: 'varchar' }) tokenId!: string;
  /** 'BUY' | 'SELL' */
  @Column({ type: 'varchar', length: 8 }) side!: string;
  @Column({ type: 'double precision' }) size!: number;
  @Column({ type: 'double precision' }) price!: number;
  @Column({ type: 'double precision' }) fees!: number;
  @Column({ name: 'realized_pnl', type: 'double precision', nullable: true }) realizedPnl!: number | null;
  /** 'paper' | 'live' */
  @Column({ type: 'varchar', length: 8 }) mode!: string;
  /** 'open' | 'closed' */
  @Column({ type: 'varchar', length: 8 }) status!: string;
  @Column({ name: 'opened_at', type: 'varchar', length: 32 }) openedAt!: string;
  @Column({ name: 'closed_at', type: 'varchar', length: 32, nullable: true }) closedAt!: string | null;
}
