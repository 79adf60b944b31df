import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource, type CreateDataSourceOptions } from '../data-source';
import { redactUrl, type Engine } from '../engine';
import { DatabaseSetupError, messageOf } from '../errors';

/** The server the PostgreSQL tests use; override with PG_TEST_URL. */
export const DEFAULT_PG_TEST_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  engine: Engine;
  /** What to put in `storage.url` to open the same database again. */
  url: string;
  ds: DataSource;
  /** Destroys the DataSource and deletes the database (SQLite: its temp directory). Safe to call twice. */
  drop(): Promise<void>;
}

export function pgTestUrl(): string {
  return process.env.PG_TEST_URL || DEFAULT_PG_TEST_URL;
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new DataSource({ type: 'postgres', url: adminUrl, connectTimeoutMS: 5000, extra: { max: 1 } });
  try {
    await admin.initialize();
  } catch (err) {
    throw new DatabaseSetupError(
      `PostgreSQL test server not reachable at ${redactUrl(adminUrl)} (${messageOf(err)}): start it, or point PG_TEST_URL at one`, { cause: err },
    );
  }
  try {
    await admin.query(sql);
  } finally {
    await admin.destroy();
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh, empty database with the schema migrated (unless `migrationsRun: false`):
 * SQLite in a new temp directory, or PostgreSQL `polytrader_test_<random>` created on the test server.
 */
export async function createTestDatabase(engine: Engine, options: CreateDataSourceOptions = {}): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'polytrader-db-'));
    const url = join(dir, 'test.sqlite');
    let ds: DataSource;
    try {
      ds = await createDataSource({ url }, options);
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    let dropped = false;
    return {
      engine, url, ds,
      async drop() {
        if (dropped) return;
        dropped = true;
        if (ds.isInitialized) await ds.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  const adminUrl = pgTestUrl();
  const name = `polytrader_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(adminUrl, name);
  const dropDatabase = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  let ds: DataSource;
  try {
    ds = await createDataSource({ url }, options);
  } catch (err) {
    await dropDatabase().catch(() => undefined);
    throw err;
  }
  let dropped = false;
  return {
    engine, url, ds,
    async drop() {
      if (dropped) return;
      dropped = true;
      if (ds.isInitialized) await ds.destroy();
      await dropDatabase();
    },
  };
}

/** `SELECT COUNT(*) AS n …` on the database at `url`, through a connection of its own (e2e checks). */
export async function countOf(url: string, sql: string): Promise<number> {
  const ds = await createDataSource({ url });
  try {
    return Number(((await ds.query(sql)) as { n: unknown }[])[0].n);
  } finally {
    await ds.destroy();
  }
}
