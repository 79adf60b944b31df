import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonText } from './transformers';

/** Risk's pre-trade decision on one signal. Key: the signal id. */
@Entity({ name: 'risk_decisions' })
@Index('IDX_risk_decisions_market_ts', ['marketId', 'ts'])
export class RiskDecisionEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_risk_decisions', name: 'signal_id', type: 'varchar' }) signalId!: string;
  /** 'approved' | 'rejected' */
  @Column({ type: 'varchar', length: 16 }) decision!: string;
  @Column({ name: 'market_id', type: 'varchar' }) marketId!: string;
  /** 'ACTIVE' | 'REDUCING' | 'HALTED' */
  @Column({ name: 'trading_state', type: 'varchar', length: 16 }) tradingState!: string;
  @Column({ type: 'text', transformer: jsonText<string[]>() }) reasons!: string[];
  /** Approved size; null when rejected. */
  @Column({ type: 'double precision', nullable: true }) size!: number | null;
  @Column({ type: 'varchar', length: 32 }) ts!: string;
  /** The signal.generated payload as received (JSON); null on rows written before it was kept. */
  @Column({ type: 'text', nullable: true }) signal!: string | null;
  /** What the decision used (JSON DecisionInputs: book levels, observation times, Granger run, config hash); null before it was kept. */
  @Column({ type: 'text', nullable: true }) inputs!: string | null;
}
