import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { BookLevel } from '../records';
import { jsonText } from './transformers';

/** The order and fill journal: every order risk sent to the venue, with its fills and realized PnL. */
@Entity({ name: 'orders' })
@Index('IDX_orders_ts', ['ts'])
@Index('IDX_orders_market_ts', ['marketId', 'ts'])
@Index('IDX_orders_signal_id', ['signalId'])
export class OrderEntity {
  /** Deterministic: `<signal id>` for a signal's order, `<trade id>:<trigger>` for an exit — a redelivery can never add a second. */
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_orders', name: 'order_id', type: 'varchar' }) orderId!: string;
  @Column({ name: 'signal_id', type: 'varchar', nullable: true }) signalId!: string | null;
  @Column({ name: 'trade_id', type: 'varchar' }) tradeId!: string;
  @Column({ name: 'market_id', type: 'varchar' }) marketId!: string;
  @Column({ name: 'token_id', type: 'varchar' }) tokenId!: string;
  /** 'BUY' | 'SELL' */
  @Column({ type: 'varchar', length: 8 }) side!: string;
  /** 'open' | 'increase' | 'reduce' | 'close' */
  @Column({ type: 'varchar', length: 16 }) intent!: string;
  /** 'signal' | 'opposite_signal' | 'stop_loss' | 'take_profit' | 'resolution' */
  @Column({ type: 'varchar', length: 16 }) trigger!: string;
  /** USDC asked for (opening orders) … */
  @Column({ name: 'requested_notional', type: 'double precision', nullable: true }) requestedNotional!: number | null;
  /** … or shares asked for (closing orders). */
  @Column({ name: 'requested_size', type: 'double precision', nullable: true }) requestedSize!: number | null;
  @Column({ name: 'filled_size', type: 'double precision' }) filledSize!: number;
  @Column({ name: 'avg_price', type: 'double precision', nullable: true }) avgPrice!: number | null;
  @Column({ type: 'double precision' }) notional!: number;
  @Column({ type: 'double precision' }) fees!: number;
  /** Realized PnL of this order, net of its fees (an opening order realizes −fees). */
  @Column({ name: 'realized_pnl', type: 'double precision' }) realizedPnl!: number;
  /** 'filled' | 'partial' | 'unfilled' | 'error' */
  @Column({ type: 'varchar', length: 16 }) status!: string;
  /** The levels taken, `[[price, size], …]` in fill order. */
  @Column({ type: 'text', transformer: jsonText<BookLevel[]>() }) fills!: BookLevel[];
  @Column({ type: 'text', nullable: true }) error!: string | null;
  /** 'paper' | 'live' */
  @Column({ type: 'varchar', length: 8 }) mode!: string;
  @Column({ type: 'varchar', length: 32 }) ts!: string;
}
