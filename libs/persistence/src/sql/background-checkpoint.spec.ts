import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '../data-source';
import { SystemEventStore } from '../stores/system-event.store';

const waitFor = async (check: () => boolean, timeoutMs = 10_000) => {
  for (const deadline = Date.now() + timeoutMs; !check(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > deadline) throw new Error('timed out');
  }
};

describe('createDataSource({ inlineWriter: true }) (real SQLite file)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'polytrader-ckpt-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should commit on better-sqlite3, not checkpoint on commit, and copy the WAL into the database file from the worker', async () => {
    const file = join(dir, 'db.sqlite');
    const ds = await createDataSource({ url: file }, { inlineWriter: true });
    try {
      expect(ds.options.type).toBe('better-sqlite3');
      expect(await ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await ds.query('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 0 }]);
      const before = statSync(file).size;
      const events = new SystemEventStore(ds);
      for (let i = 0; i < 200; i++) {
        await events.record({ id: `e${i}`, kind: 'kill', reason: 'x'.repeat(2000), source: 'spec', ts: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString() });
      }
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(400_000); // the rows are in the WAL …
      await waitFor(() => statSync(file).size > before + 400_000); // … and reach the database file without a commit doing it
      expect(await ds.query('SELECT COUNT(*) AS n FROM system_events')).toEqual([{ n: 200 }]);
    } finally {
      await ds.destroy();
    }
    expect(ds.isInitialized).toBe(false);
  });
});
