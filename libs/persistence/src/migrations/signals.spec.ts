import { createTestDatabase, type TestDatabase } from '../testing';
import type { Engine } from '../engine';

async function columns(db: TestDatabase): Promise<string[]> {
  const sql = db.engine === 'sqlite'
    ? "SELECT name FROM pragma_table_info('signals') ORDER BY name"
    : "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'signals' ORDER BY column_name";
  return ((await db.ds.query(sql)) as { name: string }[]).map((r) => r.name);
}

describe.each<Engine>(['sqlite', 'postgres'])('Signals migration (%s)', (engine) => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase(engine, { migrationsRun: false });
  });
  afterEach(() => db?.drop());

  it('should add status, note, stake and sector as the entity describes them, keep old rows as published, and undo', async () => {
    const ran = await db.ds.runMigrations();
    expect(ran.map((m) => m.name)).toContain('Signals1764500000000');
    expect(await columns(db)).toEqual(expect.arrayContaining(['status', 'note', 'stake', 'sector']));
    const diff = await db.ds.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
    while (ran.length > 0 && ran[ran.length - 1].name !== 'Signals1764500000000') {
      await db.ds.undoLastMigration();
      ran.pop();
    }
    await db.ds.undoLastMigration();
    expect(await columns(db)).not.toContain('status');
    const p = engine === 'postgres' ? ['$1', '$2'] : ['?', '?'];
    await db.ds.query(
      `INSERT INTO signals (id, market_id, outcome, token_id, side, price, strength, confidence, size, reasons, ts) VALUES (${p[0]}, 'm', 'Yes', 't', 'BUY', 0.5, 1, 0.5, 1, '[]', ${p[1]})`,
      ['old', '2026-11-30T10:00:00.000Z'],
    );
    await db.ds.runMigrations();
    expect(await db.ds.query("SELECT status, note FROM signals WHERE id = 'old'")).toEqual([{ status: 'published', note: null }]);
  });
});
