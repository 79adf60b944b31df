import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A risk.rejected event waiting for the next rejection summary. Key: the event id (a redelivery is
 * ignored); `summary_id` is set, in the transaction that queues the summary, once it is summarized.
 */
@Entity({ name: 'alert_rejections' })
@Index('IDX_alert_rejections_summary', ['summaryId'])
export class AlertRejectionEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_alert_rejections', name: 'event_id', type: 'varchar' }) eventId!: string;
  @Column({ name: 'market_id', type: 'varchar' }) marketId!: string;
  /** JSON list of reasons */
  @Column({ type: 'text' }) reasons!: string;
  @Column({ type: 'varchar', length: 32 }) ts!: string;
  @Column({ name: 'summary_id', type: 'varchar', nullable: true }) summaryId!: string | null;
}
