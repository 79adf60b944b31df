import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonText } from './transformers';

/** A scored news article matched to markets. Key: the feed's guid. */
@Entity({ name: 'news_items' })
@Index('IDX_news_items_published_at', ['publishedAt'])
export class NewsItemEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_news_items', type: 'varchar' }) guid!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) link!: string;
  @Column({ type: 'varchar' }) feed!: string;
  @Column({ name: 'published_at', type: 'varchar', length: 32, nullable: true }) publishedAt!: string | null;
  /** When hype first saw the item. */
  @Column({ name: 'fetched_at', type: 'varchar', length: 32 }) fetchedAt!: string;
  @Column({ name: 'market_ids', type: 'text', transformer: jsonText<string[]>() }) marketIds!: string[];
  @Column({ type: 'double precision' }) sentiment!: number;
}
