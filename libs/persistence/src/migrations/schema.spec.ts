import { createTestDatabase, type TestDatabase } from '../testing';
import type { Engine } from '../engine';

const TABLES = [
  'alerts', 'book_summaries', 'hype_scores', 'market_snapshots', 'markets', 'news_items', 'price_history',
  'quality_issues', 'risk_decisions', 'signals', 'system_events', 'trades',
];

async function tableNames(db: TestDatabase): Promise<string[]> {
  const sql = db.engine === 'sqlite'
    ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    : "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename";
  return ((await db.ds.query(sql)) as { name: string }[]).map((r) => r.name);
}

describe.each<Engine>(['sqlite', 'postgres'])('InitialSchema migration (%s)', (engine) => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase(engine, { migrationsRun: false });
  });
  afterEach(() => db?.drop());

  it('should create every table on a fresh database, exactly as the entities describe them', async () => {
    expect(await db.ds.showMigrations()).toBe(true);
    const ran = await db.ds.runMigrations();
    expect(ran.map((m) => m.name)).toEqual(['InitialSchema1764150000000']);
    expect(await tableNames(db)).toEqual([...TABLES, 'migrations'].sort());
    // entities and migration agree: TypeORM's schema diff finds nothing to change
    const diff = await db.ds.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
    expect(await db.ds.showMigrations()).toBe(false);
  });

  it('should drop everything on down and come back up again', async () => {
    await db.ds.runMigrations();
    await db.ds.undoLastMigration();
    expect(await tableNames(db)).toEqual(['migrations']);
    await db.ds.runMigrations();
    expect(await tableNames(db)).toEqual([...TABLES, 'migrations'].sort());
  });
});
