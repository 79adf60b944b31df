import type { Engine } from '../engine';
import { MarketStore } from '../stores/market.store';
import { createTestDatabase, cycleBatch, type TestDatabase } from '../testing';
import { databaseStats } from './database-stats';

describe.each<Engine>(['sqlite', 'postgres'])('databaseStats() (%s)', (engine) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    const store = new MarketStore(db.ds);
    for (let c = 0; c < 2; c++) await store.saveCycle(cycleBatch({ cycle: c, markets: 40 }));
  });
  afterAll(() => db?.drop());

  it('should count rows and bytes of every table, largest first', async () => {
    const stats = await databaseStats(db.ds);
    expect(stats.engine).toBe(engine);
    expect(stats.bytesFrom).toBe(engine === 'postgres' ? 'pg_total_relation_size' : 'dbstat');
    if (engine === 'postgres') expect(stats.database).toBe(db.url.replace(/:[^@/]*@/, ':***@'));
    const byName = new Map(stats.tables.map((t) => [t.name, t]));
    for (const m of db.ds.entityMetadatas) expect(byName.has(m.tableName)).toBe(true);
    expect(byName.get('market_snapshots')!.rows).toBe(80);
    expect(byName.get('book_summaries')!.rows).toBe(160);
    const bytes = stats.tables.map((t) => t.bytes ?? 0);
    expect(bytes).toEqual([...bytes].sort((a, b) => b - a));
    expect(byName.get('book_summaries')!.bytes).toBeGreaterThan(byName.get('alerts')!.bytes!);
    expect(stats.totalBytes).toBeGreaterThanOrEqual(bytes.reduce((a, b) => a + b, 0));
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
  });
});
