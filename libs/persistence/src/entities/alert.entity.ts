import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One Telegram delivery record. Key: alert id. */
@Entity({ name: 'alerts' })
@Index('IDX_alerts_ts', ['ts'])
export class AlertEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_alerts', name: 'alert_id', type: 'varchar' }) alertId!: string;
  @Column({ type: 'varchar' }) kind!: string;
  @Column({ name: 'chat_id', type: 'varchar' }) chatId!: string;
  /** 'sent' | 'failed' */
  @Column({ type: 'varchar', length: 8 }) status!: string;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'varchar', length: 32 }) ts!: string;
}
