import type { QueryRunner } from 'typeorm';
import type { Engine } from '../engine';
import { execute } from './exclusive';
import type { BoundStatement } from './inline-writer';

/** Rows per INSERT statement: far below SQLite's 32,766 and PostgreSQL's 65,535 bind parameters. */
export const CHUNK_ROWS = 500;

export interface UpsertSpec {
  table: string;
  columns: readonly string[];
  /** The unique key named in ON CONFLICT (…). */
  conflict: readonly string[];
  /** Columns overwritten from the new row on conflict; `[]` → DO NOTHING. */
  update: readonly string[];
  /** Optional guard on the update, e.g. `"markets"."updated_at" <= excluded."updated_at"`. */
  updateWhere?: string;
}

const q = (identifier: string) => `"${identifier}"`;

/**
 * Multi-row `INSERT … ON CONFLICT (…) DO UPDATE SET c = excluded.c | DO NOTHING`, one statement per
 * CHUNK_ROWS rows. The same SQL runs on SQLite (≥ 3.24) and PostgreSQL; only the placeholders differ.
 * Returns the number of rows inserted or updated.
 */
export class Upsert {
  private readonly head: string;
  private readonly tail: string;
  private readonly statements = new Map<number, string>();

  constructor(private readonly engine: Engine, private readonly spec: UpsertSpec) {
    this.head = `INSERT INTO ${q(spec.table)} (${spec.columns.map(q).join(', ')}) VALUES `;
    const target = `ON CONFLICT (${spec.conflict.map(q).join(', ')})`;
    this.tail = spec.update.length === 0
      ? ` ${target} DO NOTHING`
      : ` ${target} DO UPDATE SET ${spec.update.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}${spec.updateWhere ? ` WHERE ${spec.updateWhere}` : ''}`;
  }

  async run(runner: QueryRunner, rows: readonly unknown[][], chunkRows = CHUNK_ROWS): Promise<number> {
    let affected = 0;
    for (let start = 0; start < rows.length; start += chunkRows) {
      const part = rows.slice(start, start + chunkRows);
      const params: unknown[] = [];
      for (const row of part) for (const value of row) params.push(value);
      affected += (await execute(runner, this.sql(part.length, part.length === chunkRows), params)).affected;
    }
    return affected;
  }

  /** One statement for `rows` (up to CHUNK_ROWS) with `?` placeholders, for SQLite; `strict` drops the ON CONFLICT clause. */
  bound(rows: readonly (readonly unknown[])[], strict = false): BoundStatement {
    if (rows.length > CHUNK_ROWS) throw new Error(`bound() takes at most ${CHUNK_ROWS} rows, got ${rows.length}`);
    const sql = this.sql(rows.length, true);
    return { sql: strict ? sql.slice(0, sql.length - this.tail.length) : sql, params: rows.flat() };
  }

  /** Full-size chunks reuse one SQL string; the last, shorter chunk builds its own. */
  private sql(rowCount: number, cache: boolean): string {
    let sql = this.statements.get(rowCount);
    if (sql) return sql;
    const width = this.spec.columns.length;
    const tuples: string[] = [];
    for (let r = 0; r < rowCount; r++) {
      const slots: string[] = [];
      for (let c = 1; c <= width; c++) slots.push(this.engine === 'postgres' ? `$${r * width + c}` : '?');
      tuples.push(`(${slots.join(', ')})`);
    }
    sql = this.head + tuples.join(', ') + this.tail;
    if (cache) this.statements.set(rowCount, sql);
    return sql;
  }
}

/** Placeholder list for an IN (…) of `count` values starting at parameter `offset` (0-based). */
export function placeholders(engine: Engine, count: number, offset = 0): string {
  const out: string[] = [];
  for (let i = 1; i <= count; i++) out.push(engine === 'postgres' ? `$${offset + i}` : '?');
  return out.join(', ');
}
