import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The kill switch's memory of the CONTROL stream (one row per stream): a wiped stream no longer matches it. */
@Entity({ name: 'control_ledger' })
export class ControlLedgerEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_control_ledger', type: 'varchar' }) stream!: string;
  /** StreamInfo.created of the stream last adopted */
  @Column({ type: 'varchar' }) stream_created!: string;
  /** highest kill/reset sequence seen in it */
  @Column({ type: 'integer' }) last_seq!: number;
  @Column({ type: 'varchar', length: 32 }) updated_at!: string;
}
