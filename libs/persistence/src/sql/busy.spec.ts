import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holdSqliteLock } from '../testing';
import { isSqliteBusy, retryWhileBusy } from './busy';

const busy = () => Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' });

describe('retryWhileBusy()', () => {
  it('should try again while SQLite answers busy, and return the first success', async () => {
    let calls = 0;
    const result = await retryWhileBusy(() => {
      calls++;
      if (calls < 3) throw busy();
      return 'done';
    }, 1000);
    expect({ result, calls }).toEqual({ result: 'done', calls: 3 });
  });

  it('should throw any other error at once', async () => {
    let calls = 0;
    await expect(retryWhileBusy(() => {
      calls++;
      throw new Error('SQLITE_CORRUPT: database disk image is malformed');
    }, 1000)).rejects.toThrow(/SQLITE_CORRUPT/);
    expect(calls).toBe(1);
  });

  it('should give up with the busy error once the time is up', async () => {
    const started = Date.now();
    await expect(retryWhileBusy(() => Promise.reject(busy()), 100)).rejects.toThrow(/SQLITE_BUSY/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('should recognise busy from either driver and through TypeORM (code or message)', () => {
    expect(isSqliteBusy({ code: 'SQLITE_BUSY_SNAPSHOT' })).toBe(true);
    expect(isSqliteBusy(new Error('SQLITE_BUSY: database is locked'))).toBe(true);
    expect(isSqliteBusy(new Error('SQLITE_LOCKED: database table is locked'))).toBe(false);
    expect(isSqliteBusy(null)).toBe(false);
  });

  it('should wait out another process holding the write lock (real SQLite, no busy timeout)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'busy-'));
    const file = join(dir, 'b.sqlite');
    const Database = require('better-sqlite3') as new (f: string, o: { timeout: number }) => { exec(sql: string): void; close(): void };
    const holder = await holdSqliteLock(file, 300);
    const db = new Database(file, { timeout: 0 });
    try {
      expect(() => db.exec('BEGIN IMMEDIATE')).toThrow(/locked/); // SQLite itself gives up at once here
      await retryWhileBusy(() => db.exec('BEGIN IMMEDIATE'), 5000);
      db.exec('COMMIT');
    } finally {
      db.close();
      await holder.released;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
