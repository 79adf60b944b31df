import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonText } from './transformers';

/** A signal of the signals service and what became of it (docs/signals.md). Key: the signal.generated event id. */
@Entity({ name: 'signals' })
@Index('IDX_signals_market_ts', ['marketId', 'ts'])
@Index('IDX_signals_status_ts', ['status', 'ts'])
export class SignalEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_signals', type: 'varchar' }) id!: string;
  @Column({ name: 'market_id', type: 'varchar' }) marketId!: string;
  @Column({ type: 'varchar' }) outcome!: string;
  @Column({ name: 'token_id', type: 'varchar' }) tokenId!: string;
  /** 'BUY' | 'SELL' */
  @Column({ type: 'varchar', length: 8 }) side!: string;
  @Column({ type: 'double precision' }) price!: number;
  /** 1 = WEAK, 2 = MODERATE, 3 = STRONG */
  @Column({ type: 'double precision' }) strength!: number;
  @Column({ type: 'double precision' }) confidence!: number;
  /** shares */
  @Column({ type: 'double precision' }) size!: number;
  @Column({ type: 'text', transformer: jsonText<string[]>() }) reasons!: string[];
  @Column({ type: 'varchar', length: 32 }) ts!: string;
  /** 'published' | 'suppressed' | 'halted' | 'failed' */
  @Column({ type: 'varchar', length: 16, default: 'published' }) status!: string;
  /** why it was suppressed or failed */
  @Column({ type: 'text', nullable: true }) note!: string | null;
  /** USDC committed at `price` */
  @Column({ type: 'double precision', nullable: true }) stake!: number | null;
  @Column({ type: 'varchar', nullable: true }) sector!: string | null;
}
