import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { engineOfDataSource, redactUrl, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import { execute, withRunner } from '../sql/exclusive';
import { readNum } from '../sql/values';

export interface TableStats {
  name: string;
  rows: number;
  /** table + its indexes; null where the engine cannot say (SQLite without dbstat) */
  bytes: number | null;
}

/** What `polytrader db stats` prints. */
export interface DatabaseStats {
  engine: Engine;
  /** SQLite: the absolute file path; PostgreSQL: the URL with any password redacted */
  database: string;
  /** where the per-table bytes come from */
  bytesFrom: 'dbstat' | 'pg_total_relation_size' | 'none';
  /** SQLite: page_count × page_size; PostgreSQL: pg_database_size */
  totalBytes: number;
  /** every table of the schema (and any other table found), largest first, then by name */
  tables: TableStats[];
}

type Rows = Record<string, unknown>[];

/** Row count and bytes per table, read-only. */
export async function databaseStats(ds: DataSource): Promise<DatabaseStats> {
  const engine = engineOfDataSource(ds);
  try {
    return await withRunner(ds, async (runner) => {
      const q = async (sql: string): Promise<Rows> => (await execute(runner, sql)).rows;
      let names: string[];
      let bytes = new Map<string, number>();
      let bytesFrom: DatabaseStats['bytesFrom'];
      let totalBytes: number;
      let database: string;
      if (engine === 'sqlite') {
        const file = String(ds.options.database);
        database = file === ':memory:' ? file : resolve(file);
        names = (await q("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((r) => String(r.name));
        const [count] = await q('PRAGMA page_count');
        const [size] = await q('PRAGMA page_size');
        totalBytes = readNum(count.page_count) * readNum(size.page_size);
        try {
          const owner = new Map((await q("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")).map((r) => [String(r.name), String(r.tbl_name)]));
          for (const r of await q('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name')) {
            const table = owner.get(String(r.name)) ?? String(r.name);
            bytes.set(table, (bytes.get(table) ?? 0) + readNum(r.bytes));
          }
          bytesFrom = 'dbstat';
        } catch {
          // dbstat is a compile-time option of SQLite; without it only the file's page count is known
          bytes = new Map();
          bytesFrom = 'none';
        }
      } else {
        const o = ds.options as { url?: string; database?: unknown };
        database = redactUrl(String(o.url ?? o.database));
        const rows = await q(
          'SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ' +
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname",
        );
        names = rows.map((r) => String(r.name));
        bytes = new Map(rows.map((r) => [String(r.name), readNum(r.bytes)]));
        bytesFrom = 'pg_total_relation_size';
        const [db] = await q('SELECT pg_database_size(current_database()) AS bytes');
        totalBytes = readNum(db.bytes);
      }
      const counts = new Map<string, number>();
      if (names.length > 0) {
        const sql = names.map((t) => `SELECT '${t.replace(/'/g, "''")}' AS name, COUNT(*) AS n FROM "${t.replace(/"/g, '""')}"`).join(' UNION ALL ');
        for (const r of await q(sql)) counts.set(String(r.name), readNum(r.n));
      }
      const tables = names.map((name) => ({ name, rows: counts.get(name) ?? 0, bytes: bytes.has(name) ? bytes.get(name)! : null }))
        .sort((a, b) => (b.bytes ?? -1) - (a.bytes ?? -1) || b.rows - a.rows || a.name.localeCompare(b.name));
      return { engine, database, bytesFrom, totalBytes, tables };
    });
  } catch (err) {
    throw new PersistenceError(`database stats failed: ${messageOf(err)}`, { cause: err });
  }
}
