import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MarketEntity } from './market.entity';
import type { BookLevel } from '../records';
import { jsonText } from './transformers';

/** Top of one outcome token's order book in one cycle. Key: (cycle_id, token_id), cycle first as for snapshots. */
@Entity({ name: 'book_summaries' })
@Index('IDX_book_summaries_market_ts', ['marketId', 'ts'])
export class BookSummaryEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_book_summaries', name: 'cycle_id', type: 'varchar' }) cycleId!: string;
  @PrimaryColumn({ primaryKeyConstraintName: 'PK_book_summaries', name: 'token_id', type: 'varchar' }) tokenId!: string;
  @Column({ name: 'market_id', type: 'varchar' }) marketId!: string;
  @Column({ type: 'varchar', length: 32 }) ts!: string;
  @Column({ name: 'best_bid', type: 'double precision', nullable: true }) bestBid!: number | null;
  @Column({ name: 'best_ask', type: 'double precision', nullable: true }) bestAsk!: number | null;
  @Column({ type: 'double precision', nullable: true }) mid!: number | null;
  @Column({ type: 'double precision', nullable: true }) spread!: number | null;
  @Column({ name: 'bid_depth', type: 'double precision' }) bidDepth!: number;
  @Column({ name: 'ask_depth', type: 'double precision' }) askDepth!: number;
  /** Top levels `[[price, size], …]`, best first. */
  @Column({ type: 'text', transformer: jsonText<BookLevel[]>() }) bids!: BookLevel[];
  @Column({ type: 'text', transformer: jsonText<BookLevel[]>() }) asks!: BookLevel[];

  @ManyToOne(() => MarketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'market_id', foreignKeyConstraintName: 'FK_book_summaries_market' })
  market?: MarketEntity;
}
