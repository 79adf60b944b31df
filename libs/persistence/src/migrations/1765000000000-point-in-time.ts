import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

import { bool, dbl, index, str, text, time } from './columns';

const serial = (table: string) => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const, primaryKeyConstraintName: `PK_${table}` });

const MARKET_FIELDS = ['question', 'category', 'tags', 'end_date', 'active', 'closed', 'outcomes', 'token_ids'] as const;
const HYPE_FIELDS = ['mentions', 'mentions_z', 'velocity', 'sentiment', 'hype_score'] as const;

const TABLES: Table[] = [
  new Table({
    name: 'market_versions',
    columns: [
      serial('market_versions'), str('market_id'), time('observed_at'), text('question'), str('category', true), text('tags'), time('end_date', true),
      bool('active'), bool('closed'), text('outcomes'), text('token_ids'),
    ],
    indices: [index('market_versions', 'market_observed', ['market_id', 'observed_at'])],
  }),
  new Table({
    name: 'hype_score_versions',
    columns: [
      serial('hype_score_versions'), str('market_id'), time('interval_start'), time('observed_at'), { name: 'mentions', type: 'integer' },
      dbl('mentions_z'), dbl('velocity'), dbl('sentiment'), dbl('hype_score'),
    ],
    indices: [index('hype_score_versions', 'market_interval', ['market_id', 'interval_start', 'observed_at'])],
  }),
];

const PRICE_OBSERVED = new TableColumn(time('observed_at', true));
const HYPE_OBSERVED = new TableColumn(time('observed_at', true));
const DECISION_INPUTS = new TableColumn(text('inputs', true));

interface VersionTrigger {
  /** the table whose rows are versioned, and the one the versions go to */
  source: string;
  target: string;
  /** target column ← source expression (NEW.<col>), in order */
  columns: readonly (readonly [string, string])[];
  /** an UPDATE appends a version only when one of these changed */
  fields: readonly string[];
}

const q = (id: string) => `"${id}"`;

const TRIGGERS: VersionTrigger[] = [
  {
    source: 'markets', target: 'market_versions', fields: MARKET_FIELDS,
    columns: [['market_id', 'id'], ['observed_at', 'updated_at'], ...MARKET_FIELDS.map((f) => [f, f] as const)],
  },
  {
    source: 'hype_scores', target: 'hype_score_versions', fields: HYPE_FIELDS,
    columns: [['market_id', 'market_id'], ['interval_start', 'interval_start'], ['observed_at', 'observed_at'], ...HYPE_FIELDS.map((f) => [f, f] as const)],
  },
];

const UTC_NOW = { sqlite: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", postgres: `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` };

function insertVersion(t: VersionTrigger, engine: 'sqlite' | 'postgres'): string {
  // a row written without an observation time (older code) is versioned at the moment the database stores it
  const values = t.columns.map(([target, source]) => (target === 'observed_at' ? `COALESCE(NEW.${q(source)}, ${UTC_NOW[engine]})` : `NEW.${q(source)}`));
  return `INSERT INTO ${q(t.target)} (${t.columns.map(([c]) => q(c)).join(', ')}) VALUES (${values.join(', ')})`;
}

function triggerSql(t: VersionTrigger, engine: 'sqlite' | 'postgres'): string[] {
  const ins = `TRG_${t.source}_version_insert`;
  const upd = `TRG_${t.source}_version_update`;
  if (engine === 'sqlite') {
    const changed = t.fields.map((f) => `OLD.${q(f)} IS NOT NEW.${q(f)}`).join(' OR ');
    return [
      `CREATE TRIGGER ${q(ins)} AFTER INSERT ON ${q(t.source)} BEGIN ${insertVersion(t, engine)}; END`,
      `CREATE TRIGGER ${q(upd)} AFTER UPDATE ON ${q(t.source)} WHEN ${changed} BEGIN ${insertVersion(t, engine)}; END`,
    ];
  }
  const fn = `${t.target}_append`;
  const changed = t.fields.map((f) => `OLD.${q(f)} IS DISTINCT FROM NEW.${q(f)}`).join(' OR ');
  return [
    `CREATE FUNCTION ${q(fn)}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${insertVersion(t, engine)}; RETURN NULL; END $$`,
    `CREATE TRIGGER ${q(ins)} AFTER INSERT ON ${q(t.source)} FOR EACH ROW EXECUTE FUNCTION ${q(fn)}()`,
    `CREATE TRIGGER ${q(upd)} AFTER UPDATE ON ${q(t.source)} FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION ${q(fn)}()`,
  ];
}

function dropTriggerSql(t: VersionTrigger, engine: 'sqlite' | 'postgres'): string[] {
  const names = [`TRG_${t.source}_version_insert`, `TRG_${t.source}_version_update`];
  if (engine === 'sqlite') return names.map((n) => `DROP TRIGGER ${q(n)}`);
  return [...names.map((n) => `DROP TRIGGER ${q(n)} ON ${q(t.source)}`), `DROP FUNCTION ${q(`${t.target}_append`)}()`];
}

const engineOf = (runner: QueryRunner): 'sqlite' | 'postgres' => (runner.connection.options.type === 'postgres' ? 'postgres' : 'sqlite');

/**
 * Point-in-time data for the backtest (docs/backtest.md): when each stored fact was observed. Price points
 * get their first storing time; markets and hype scores, which are overwritten in place, get an append-only
 * history written by triggers (so no writer can forget it, and an unchanged re-save costs one comparison);
 * risk decisions keep the inputs they used. What is already stored is versioned as observed now (markets:
 * at their last update), the earliest moment the system provably knew it.
 */
export class PointInTime1765000000000 implements MigrationInterface {
  name = 'PointInTime1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const engine = engineOf(queryRunner);
    const now = new Date().toISOString();
    for (const table of TABLES) await queryRunner.createTable(table.clone(), false, true, true);
    await queryRunner.addColumn('price_history', PRICE_OBSERVED);
    await queryRunner.addColumn('hype_scores', HYPE_OBSERVED);
    await queryRunner.addColumn('risk_decisions', DECISION_INPUTS);
    await queryRunner.query(`UPDATE "price_history" SET "observed_at" = ${engine === 'postgres' ? '$1' : '?'}`, [now]);
    await queryRunner.query(`UPDATE "hype_scores" SET "observed_at" = ${engine === 'postgres' ? '$1' : '?'}`, [now]);
    for (const t of TRIGGERS) {
      const cols = t.columns.map(([c]) => q(c)).join(', ');
      await queryRunner.query(`INSERT INTO ${q(t.target)} (${cols}) SELECT ${t.columns.map(([, s]) => q(s)).join(', ')} FROM ${q(t.source)}`);
      for (const sql of triggerSql(t, engine)) await queryRunner.query(sql);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const engine = engineOf(queryRunner);
    for (const t of TRIGGERS) for (const sql of dropTriggerSql(t, engine)) await queryRunner.query(sql);
    await queryRunner.dropColumn('risk_decisions', DECISION_INPUTS.name);
    await queryRunner.dropColumn('hype_scores', HYPE_OBSERVED.name);
    await queryRunner.dropColumn('price_history', PRICE_OBSERVED.name);
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true, true, true);
  }
}
