import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The notifier's getUpdates offset per bot (the numeric part of the token): the next update id to ask for. */
@Entity({ name: 'telegram_offsets' })
export class TelegramOffsetEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_telegram_offsets', type: 'varchar' }) bot_id!: string;
  @Column({ type: 'bigint' }) next_offset!: string;
  @Column({ type: 'varchar', length: 32 }) updated_at!: string;
}
