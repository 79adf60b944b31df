import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A kill or reset of the whole system. Key: e.g. the CONTROL stream sequence, or a uuid. */
@Entity({ name: 'system_events' })
@Index('IDX_system_events_ts', ['ts'])
export class SystemEventEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_system_events', type: 'varchar' }) id!: string;
  /** 'kill' | 'reset' */
  @Column({ type: 'varchar', length: 8 }) kind!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'varchar' }) source!: string;
  @Column({ type: 'varchar', length: 32 }) ts!: string;
}
