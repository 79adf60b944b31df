import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from './data-source';
import { Engine } from './engine';
import { createTestDatabase } from './testing';

describe.each<Engine>(['sqlite', 'postgres'])('createDataSource({ readOnly: true }) on %s', (engine) => {
  it('should read what a writer stored and refuse every write, running no migration', async () => {
    const writer = await createTestDatabase(engine);
    try {
      await writer.ds.query(`INSERT INTO system_events (id, ts, kind, source, reason) VALUES ('e1', '2026-12-07T09:00:00Z', 'kill', 'spec', 'r')`);
      const reader = await createDataSource({ url: writer.url }, { readOnly: true });
      try {
        expect(await reader.query(`SELECT id FROM system_events`)).toEqual([{ id: 'e1' }]);
        await expect(reader.query(`INSERT INTO system_events (id, ts, kind, source, reason) VALUES ('e2', '2026-12-07T09:00:00Z', 'kill', 'spec', 'r')`))
          .rejects.toThrow(/readonly|read-only/i);
        await expect(reader.query(`DELETE FROM system_events`)).rejects.toThrow(/readonly|read-only/i);
        // the writer goes on writing while the reader is open (WAL readers take no lock a writer waits for)
        await writer.ds.query(`INSERT INTO system_events (id, ts, kind, source, reason) VALUES ('e3', '2026-12-07T09:00:01Z', 'kill', 'spec', 'r')`);
        expect((await reader.query(`SELECT id FROM system_events ORDER BY id`)).map((r: { id: string }) => r.id)).toEqual(['e1', 'e3']);
      } finally {
        await reader.destroy();
      }
    } finally {
      await writer.drop();
    }
  });
});

describe('createDataSource({ readOnly: true }) on a SQLite file that is not there or not migrated', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'polytrader-ro-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should not create a missing file, and say who should', async () => {
    const url = join(dir, 'none.sqlite');
    await expect(createDataSource({ url }, { readOnly: true })).rejects.toThrow(/does not exist yet .*start the services that write it first/);
    expect(existsSync(url)).toBe(false);
  });

  it('should refuse a file without the schema instead of migrating it', async () => {
    const url = join(dir, 'empty.sqlite');
    await (await createDataSource({ url }, { migrationsRun: false })).destroy();
    await expect(createDataSource({ url }, { readOnly: true })).rejects.toThrow(/no schema to read yet .*start the writing services first/);
  });
});
