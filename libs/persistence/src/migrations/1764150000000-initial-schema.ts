import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { bool, dbl, index, int, key, short, str, text, time, toMarket } from './columns';

const TABLES: Table[] = [
  new Table({
    name: 'markets',
    columns: [
      key(str('id'), 'markets'), str('condition_id'), str('slug'), text('question'), str('category', true), text('tags'),
      time('end_date', true), bool('active'), bool('closed'), text('outcomes'), text('token_ids'), time('first_seen_at'), time('updated_at'),
    ],
    indices: [index('markets', 'condition_id', ['condition_id'])],
  }),
  new Table({
    name: 'market_snapshots',
    columns: [
      key(str('cycle_id'), 'market_snapshots'), key(str('market_id'), 'market_snapshots'), time('ts'), text('outcome_prices'),
      dbl('volume_24h', true), dbl('liquidity', true), { ...text('quality_flags'), default: "'[]'" },
    ],
    indices: [index('market_snapshots', 'market_ts', ['market_id', 'ts'])],
    foreignKeys: [toMarket('market_snapshots')],
  }),
  new Table({
    name: 'book_summaries',
    columns: [
      key(str('cycle_id'), 'book_summaries'), key(str('token_id'), 'book_summaries'), str('market_id'), time('ts'),
      dbl('best_bid', true), dbl('best_ask', true), dbl('mid', true), dbl('spread', true), dbl('bid_depth'), dbl('ask_depth'), text('bids'), text('asks'),
    ],
    indices: [index('book_summaries', 'market_ts', ['market_id', 'ts'])],
    foreignKeys: [toMarket('book_summaries')],
  }),
  new Table({
    name: 'price_history',
    columns: [key(str('token_id'), 'price_history'), key({ name: 't', type: 'bigint' }, 'price_history'), str('market_id'), dbl('price')],
    indices: [index('price_history', 'market_t', ['market_id', 't'])],
    foreignKeys: [toMarket('price_history')],
  }),
  new Table({
    name: 'hype_scores',
    columns: [
      key(str('market_id'), 'hype_scores'), key(time('interval_start'), 'hype_scores'), int('mentions'), dbl('mentions_z'),
      dbl('velocity'), dbl('sentiment'), dbl('hype_score'),
    ],
  }),
  new Table({
    name: 'news_items',
    columns: [
      key(str('guid'), 'news_items'), text('title'), text('link'), str('feed'), time('published_at', true), time('fetched_at'),
      text('market_ids'), dbl('sentiment'),
    ],
    indices: [index('news_items', 'published_at', ['published_at'])],
  }),
  new Table({
    name: 'signals',
    columns: [
      key(str('id'), 'signals'), str('market_id'), str('outcome'), str('token_id'), short('side', 8), dbl('price'), dbl('strength'),
      dbl('confidence'), dbl('size'), text('reasons'), time('ts'),
    ],
    indices: [index('signals', 'market_ts', ['market_id', 'ts'])],
  }),
  new Table({
    name: 'risk_decisions',
    columns: [
      key(str('signal_id'), 'risk_decisions'), short('decision', 16), str('market_id'), short('trading_state', 16), text('reasons'),
      dbl('size', true), time('ts'),
    ],
    indices: [index('risk_decisions', 'market_ts', ['market_id', 'ts'])],
  }),
  new Table({
    name: 'trades',
    columns: [
      key(str('trade_id'), 'trades'), str('market_id'), str('token_id'), short('side', 8), dbl('size'), dbl('price'), dbl('fees'),
      dbl('realized_pnl', true), short('mode', 8), short('status', 8), time('opened_at'), time('closed_at', true),
    ],
    indices: [index('trades', 'market_opened_at', ['market_id', 'opened_at']), index('trades', 'status', ['status'])],
  }),
  new Table({
    name: 'alerts',
    columns: [key(str('alert_id'), 'alerts'), str('kind'), str('chat_id'), short('status', 8), int('attempts'), text('error', true), time('ts')],
    indices: [index('alerts', 'ts', ['ts'])],
  }),
  new Table({
    name: 'quality_issues',
    columns: [
      key(str('market_id'), 'quality_issues'), key(str('cycle_id'), 'quality_issues'), key(str('kind'), 'quality_issues'),
      short('severity', 16), text('detail'), time('ts'),
    ],
    indices: [index('quality_issues', 'market_ts', ['market_id', 'ts']), index('quality_issues', 'ts', ['ts'])],
  }),
  new Table({
    name: 'system_events',
    columns: [key(str('id'), 'system_events'), short('kind', 8), text('reason'), str('source'), time('ts')],
    indices: [index('system_events', 'ts', ['ts'])],
  }),
];

/**
 * The whole first schema, written with TypeORM's engine-neutral Table API so the same migration
 * runs on SQLite and PostgreSQL. Keys are natural (cycle+market, cycle+token, token+t, …): they are
 * the ON CONFLICT targets of the idempotent batch writes. Per-cycle keys start with cycle_id so one
 * cycle's inserts touch a few neighbouring index pages, not one page per market.
 */
export class InitialSchema1764150000000 implements MigrationInterface {
  name = 'InitialSchema1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // createTable(table, ifNotExist, createForeignKeys, createIndices)
    for (const table of TABLES) await queryRunner.createTable(table.clone(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true, true, true);
  }
}
