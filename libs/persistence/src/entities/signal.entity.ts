import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonText } from './transformers';

/** A generated trading signal. Key: the signal.generated event id. */
@Entity({ name: 'signals' })
@Index('IDX_signals_market_ts', ['marketId', 'ts'])
export class SignalEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_signals', type: 'varchar' }) id!: string;
  @Column({ name: 'market_id', type: 'varchar' }) marketId!: string;
  @Column({ type: 'varchar' }) outcome!: string;
  @Column({ name: 'token_id', type: 'varchar' }) tokenId!: string;
  /** 'BUY' | 'SELL' */
  @Column({ type: 'varchar', length: 8 }) side!: string;
  @Column({ type: 'double precision' }) price!: number;
  @Column({ type: 'double precision' }) strength!: number;
  @Column({ type: 'double precision' }) confidence!: number;
  @Column({ type: 'double precision' }) size!: number;
  @Column({ type: 'text', transformer: jsonText<string[]>() }) reasons!: string[];
  @Column({ type: 'varchar', length: 32 }) ts!: string;
}
