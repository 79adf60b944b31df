import { MarketStore } from '@polytrader/persistence';
import { createTestDatabase, cycleBatch, type TestDatabase } from '@polytrader/persistence/testing';
import { resolve } from 'node:path';
import { dbStats, formatStats } from './db';

describe('polytrader db stats', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const store = new MarketStore(db.ds);
    for (let c = 0; c < 3; c++) await store.saveCycle(cycleBatch({ cycle: c, markets: 30 }));
  });
  afterAll(() => db?.drop());

  const stats = async (json: boolean) => {
    let out = '';
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await dbStats({ json, db: db.url }, (s) => void (out += s))).toBe(0);
      return { out, stderr: err.mock.calls.map(([s]) => String(s)).join('') };
    } finally {
      err.mockRestore();
    }
  };

  it('should print rows and bytes per table as JSON, largest first, naming the database it read', async () => {
    const { out, stderr } = await stats(true);
    const body = JSON.parse(out);
    expect(stderr).toBe(`database: sqlite:${db.url} (from --db)\n`);
    expect(body.engine).toBe('sqlite');
    expect(body.database).toBe(resolve(db.url));
    expect(body.totalBytes).toBeGreaterThan(0);
    const byName = Object.fromEntries(body.tables.map((t: { name: string }) => [t.name, t]));
    expect(byName.markets.rows).toBe(30);
    expect(byName.market_snapshots.rows).toBe(90);
    expect(byName.book_summaries.rows).toBe(180);
    expect(byName.signals.rows).toBe(0);
    expect(byName.migrations).toBeDefined(); // every table of the file, TypeORM's own too
    if (body.bytesFrom === 'dbstat') {
      const bytes = body.tables.map((t: { bytes: number }) => t.bytes);
      expect(bytes).toEqual([...bytes].sort((a, b) => b - a));
      expect(byName.book_summaries.bytes).toBeGreaterThan(byName.signals.bytes);
      expect(bytes.reduce((a: number, b: number) => a + b, 0)).toBeLessThanOrEqual(body.totalBytes);
    } else {
      expect(body.tables.every((t: { bytes: unknown }) => t.bytes === null)).toBe(true);
    }
  });

  it('should print a table for humans with the database and its size', async () => {
    const { out } = await stats(false);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^sqlite ${resolve(db.url).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: [\\d.]+ (B|KB|MB)`));
    expect(lines[1]).toMatch(/^table\s+rows\s+bytes$/);
    expect(lines.find((l) => l.startsWith('market_snapshots'))).toMatch(/^market_snapshots\s+90\s+\S+/);
  });

  it('should say when per-table bytes are unknown and sort those tables by rows', () => {
    expect(formatStats({
      engine: 'sqlite', database: '/x.sqlite', bytesFrom: 'none', totalBytes: 4096,
      tables: [{ name: 'a', rows: 5, bytes: null }],
    })).toBe('sqlite /x.sqlite: 4.0 KB (this SQLite has no dbstat: no bytes per table)\ntable  rows  bytes\na         5      ?\n');
  });
});
