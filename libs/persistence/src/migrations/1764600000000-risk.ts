import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

import { dbl, index, int, key, short, str, text, time } from './columns';

const TABLES: Table[] = [
  new Table({
    name: 'positions',
    columns: [
      key(str('market_id'), 'positions'), key(str('token_id'), 'positions'), str('trade_id'), str('outcome'), str('sector', true),
      short('side', 8), dbl('size'), dbl('avg_price'), dbl('cost'), dbl('mark_price', true), time('marked_at', true), dbl('fees'),
      dbl('realized_pnl'), time('opened_at'), time('updated_at'),
    ],
  }),
  new Table({
    name: 'orders',
    columns: [
      key(str('order_id'), 'orders'), str('signal_id', true), str('trade_id'), str('market_id'), str('token_id'), short('side', 8),
      short('intent', 16), short('trigger', 16), dbl('requested_notional', true), dbl('requested_size', true), dbl('filled_size'),
      dbl('avg_price', true), dbl('notional'), dbl('fees'), dbl('realized_pnl'), short('status', 16), text('fills'), text('error', true),
      short('mode', 8), time('ts'),
    ],
    indices: [index('orders', 'ts', ['ts']), index('orders', 'market_ts', ['market_id', 'ts']), index('orders', 'signal_id', ['signal_id'])],
  }),
  new Table({
    name: 'risk_state',
    columns: [
      key(str('id'), 'risk_state'), short('trading_day', 10), dbl('day_start_equity'), dbl('high_water_mark'), dbl('realized_pnl'),
      int('consecutive_errors'), text('reducing', true), text('breaker', true), text('fired_keys'), text('warned_keys'), time('updated_at'),
    ],
  }),
];

/** The signal as risk received it, so the journal is complete whatever the signals service stores. */
const DECISION_SIGNAL = new TableColumn(text('signal', true));

/**
 * The risk service's tables (docs/risk.md): open positions, the order/fill journal, and the one-row risk
 * state (trading day, start-of-day equity, high-water mark, breaker). No foreign keys to markets: the
 * journal is history and outlives a market's deletion.
 */
export class RiskTables1764600000000 implements MigrationInterface {
  name = 'RiskTables1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.createTable(table.clone(), false, true, true);
    await queryRunner.addColumn('risk_decisions', DECISION_SIGNAL);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('risk_decisions', DECISION_SIGNAL.name);
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true, true, true);
  }
}
