import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An alert accepted from the bus and not yet delivered (the notifier's outbox). Key: alert id
 * (`<kind key>@<chat id>`), so a redelivered event is never queued twice. A row leaves the outbox
 * in the same transaction that writes its `alerts` record (sent or failed).
 */
@Entity({ name: 'alert_outbox' })
@Index('IDX_alert_outbox_chat_order', ['chatId', 'priority', 'createdAt'])
export class AlertOutboxEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_alert_outbox', name: 'alert_id', type: 'varchar' }) alertId!: string;
  @Column({ type: 'varchar' }) kind!: string;
  @Column({ name: 'chat_id', type: 'varchar' }) chatId!: string;
  /** the message, already formatted for Telegram's HTML parse mode */
  @Column({ type: 'text' }) text!: string;
  /** delivered without a notification sound */
  @Column({ type: 'boolean' }) silent!: boolean;
  /** 0 first (emergency, reset), then 1 (health), then 2 (everything else) */
  @Column({ type: 'integer' }) priority!: number;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ name: 'next_attempt_at', type: 'varchar', length: 32 }) nextAttemptAt!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
}
