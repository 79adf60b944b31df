import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createDataSource } from './data-source';
import { engineOf, redactUrl } from './engine';
import { DatabaseSetupError } from './errors';
import { createTestDatabase } from './testing';

describe('createDataSource()', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'polytrader-ds-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should open a SQLite file relative to the working directory, creating its directory, in WAL mode with the pragmas set', async () => {
    const file = join(dir, 'nested', 'deeper', 'db.sqlite');
    const ds = await createDataSource({ url: relative(process.cwd(), file) });
    try {
      expect(existsSync(file)).toBe(true);
      expect(existsSync(`${file}-wal`)).toBe(true);
      const pragma = async (name: string) => Object.values(((await ds.query(`PRAGMA ${name}`)) as Record<string, unknown>[])[0])[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('busy_timeout')).toBe(5000);
      expect(await pragma('synchronous')).toBe(1); // NORMAL
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('temp_store')).toBe(2); // MEMORY
      expect(ds.options.synchronize).toBe(false);
      expect(await ds.showMigrations()).toBe(false); // migrated on connect
    } finally {
      await ds.destroy();
    }
  });

  it('should stay in WAL mode when the file is opened again', async () => {
    const url = join(dir, 'again.sqlite');
    await (await createDataSource({ url })).destroy();
    const ds = await createDataSource({ url });
    try {
      expect(await ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    } finally {
      await ds.destroy();
    }
  });

  it('should accept :memory:', async () => {
    const ds = await createDataSource({ url: ':memory:' });
    try {
      expect(await ds.query('SELECT COUNT(*) AS n FROM markets')).toEqual([{ n: 0 }]);
    } finally {
      await ds.destroy();
    }
  });

  it('should leave the schema alone when migrationsRun is false', async () => {
    const ds = await createDataSource({ url: join(dir, 'bare.sqlite') }, { migrationsRun: false });
    try {
      expect(await ds.showMigrations()).toBe(true);
    } finally {
      await ds.destroy();
    }
  });

  it('should refuse a URL scheme it does not know', async () => {
    await expect(createDataSource({ url: 'mysql://root:hunter2@db/x' })).rejects.toThrow(DatabaseSetupError);
    await expect(createDataSource({ url: 'mysql://root:hunter2@db/x' })).rejects.toThrow(/unsupported storage.url scheme.*mysql:\/\/root:\*\*\*@db\/x/);
  });

  it('should fail loudly, without the password, when PostgreSQL is unreachable', async () => {
    const attempt = createDataSource({ url: 'postgres://someone:s3cret@127.0.0.1:1/nothing' });
    await expect(attempt).rejects.toThrow(DatabaseSetupError);
    await expect(attempt).rejects.toThrow(/cannot open postgres database at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nothing/);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });
});

describe('engineOf()', () => {
  it.each([
    ['data/polytrader.sqlite', 'sqlite'], [':memory:', 'sqlite'], ['/abs/x.db', 'sqlite'],
    ['postgres://u@h/db', 'postgres'], ['postgresql://u:p@h:5432/db', 'postgres'], ['POSTGRES://h/db', 'postgres'],
  ])('should map %s to %s', (url, engine) => {
    expect(engineOf(url)).toBe(engine);
  });

  it('should redact passwords only', () => {
    expect(redactUrl('postgres://u:p@h/db')).toBe('postgres://u:***@h/db');
    expect(redactUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
    expect(redactUrl('data/x.sqlite')).toBe('data/x.sqlite');
  });
});

describe('createTestDatabase()', () => {
  it('should create and drop a PostgreSQL database of its own (fails, never skips, when the server is down)', async () => {
    const db = await createTestDatabase('postgres');
    const [{ name }] = (await db.ds.query('SELECT current_database() AS name')) as { name: string }[];
    expect(name).toMatch(/^polytrader_test_[0-9a-f]{12}$/);
    await db.drop();
    const again = await createTestDatabase('postgres');
    try {
      const rows = (await again.ds.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])) as unknown[];
      expect(rows).toEqual([]);
    } finally {
      await again.drop();
    }
  });

  it('should say clearly which server is unreachable, so the PostgreSQL half of a suite fails instead of skipping', async () => {
    const saved = process.env.PG_TEST_URL;
    process.env.PG_TEST_URL = 'postgres://postgres:pw@127.0.0.1:1/postgres';
    try {
      await expect(createTestDatabase('postgres')).rejects.toThrow(/PostgreSQL test server not reachable at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres .*PG_TEST_URL/);
    } finally {
      if (saved === undefined) delete process.env.PG_TEST_URL;
      else process.env.PG_TEST_URL = saved;
    }
  });

  it('should remove the SQLite temp directory on drop', async () => {
    const db = await createTestDatabase('sqlite');
    expect(existsSync(db.url)).toBe(true);
    await db.drop();
    expect(existsSync(db.url)).toBe(false);
  });
});
