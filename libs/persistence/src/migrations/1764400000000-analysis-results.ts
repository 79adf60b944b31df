import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { dbl, index, int, key, str, text, time } from './columns';

const TABLES: Table[] = [
  new Table({
    name: 'market_analysis',
    columns: [
      key(str('run_id'), 'market_analysis'), key(str('market_id'), 'market_analysis'), time('ts'), int('points'),
      dbl('hype_to_price_p'), int('hype_to_price_lag'), dbl('hype_to_price_f'), dbl('price_to_hype_p'), dbl('pearson'), int('rank'), text('results'),
    ],
    indices: [index('market_analysis', 'market_ts', ['market_id', 'ts'])],
  }),
  new Table({
    name: 'market_microstructure',
    columns: [
      key(str('run_id'), 'market_microstructure'), key(str('token_id'), 'market_microstructure'), str('market_id'), time('ts'),
      dbl('spread'), dbl('mid'), dbl('depth'), dbl('imbalance'), dbl('realized_volatility', true), dbl('price_impact', true),
    ],
    indices: [index('market_microstructure', 'market_ts', ['market_id', 'ts'])],
  }),
];

/**
 * The analyzer's results (docs/analysis.md): one row per market and run for the Granger/correlation
 * ranking, one per token and run for the book microstructure. Keys start with run_id so a run's
 * inserts are contiguous; (market_id, ts) indexes serve "the newest row of each market". No foreign
 * key to markets: results are history and outlive a market's deletion.
 */
export class AnalysisResults1764400000000 implements MigrationInterface {
  name = 'AnalysisResults1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.createTable(table.clone(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true, true, true);
  }
}
