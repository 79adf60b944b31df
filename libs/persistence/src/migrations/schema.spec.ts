import { createTestDatabase, type TestDatabase } from '../testing';
import type { Engine } from '../engine';
import { MIGRATIONS } from '.';

async function tableNames(db: TestDatabase): Promise<string[]> {
  const sql = db.engine === 'sqlite'
    ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    : "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename";
  return ((await db.ds.query(sql)) as { name: string }[]).map((r) => r.name);
}

/** Every migration, on both engines: the schema they build is exactly the entities', and each undoes cleanly. */
describe.each<Engine>(['sqlite', 'postgres'])('schema migrations (%s)', (engine) => {
  let db: TestDatabase;
  let entityTables: string[];

  beforeEach(async () => {
    db = await createTestDatabase(engine, { migrationsRun: false });
    entityTables = [...new Set(db.ds.entityMetadatas.map((m) => m.tableName))];
  });
  afterEach(() => db?.drop());

  it('should create every table on a fresh database, in order, exactly as the entities describe them', async () => {
    expect(await db.ds.showMigrations()).toBe(true);
    const ran = await db.ds.runMigrations();
    expect(ran.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await tableNames(db)).toEqual([...entityTables, 'migrations'].sort());
    // entities and migrations agree: TypeORM's schema diff finds nothing to change
    const diff = await db.ds.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
    expect(await db.ds.showMigrations()).toBe(false);
  });

  it('should undo every migration, newest first, down to an empty schema, and come back up again', async () => {
    await db.ds.runMigrations();
    for (let i = MIGRATIONS.length; i > 0; i--) {
      await db.ds.undoLastMigration();
      const rows = (await db.ds.query('SELECT name FROM migrations ORDER BY id')) as { name: string }[];
      expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.slice(0, i - 1).map((m) => m.name));
    }
    expect(await tableNames(db)).toEqual(['migrations']);
    await db.ds.runMigrations();
    expect(await tableNames(db)).toEqual([...entityTables, 'migrations'].sort());
    const diff = await db.ds.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });
});
