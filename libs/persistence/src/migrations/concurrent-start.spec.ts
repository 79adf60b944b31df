import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import type { Engine } from '../engine';
import { createTestDatabase, type TestDatabase } from '../testing';
import { MIGRATIONS } from '.';

/** `npm start` starts seven services at once, each migrating on connect: only one may do the work. */
describe.each<Engine>(['sqlite', 'postgres'])('migrations at concurrent start (%s)', (engine) => {
  let db: TestDatabase | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    [db, dir] = [undefined, undefined];
  });

  it('should migrate once and open every connection when several processes start together', async () => {
    let url: string;
    if (engine === 'sqlite') {
      dir = mkdtempSync(join(tmpdir(), 'polytrader-race-'));
      url = join(dir, 'shared.sqlite');
    } else {
      db = await createTestDatabase('postgres', { migrationsRun: false });
      url = db.url;
    }
    const results = await Promise.allSettled(Array.from({ length: 7 }, () => createDataSource({ url })));
    const opened = results.filter((r): r is PromiseFulfilledResult<DataSource> => r.status === 'fulfilled').map((r) => r.value);
    try {
      expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      const rows = (await opened[0].query('SELECT name FROM migrations')) as { name: string }[];
      expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
      if (engine === 'sqlite') {
        for (const ds of opened) expect(await ds.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      }
    } finally {
      await Promise.all(opened.map((ds) => ds.destroy()));
    }
  });
});
