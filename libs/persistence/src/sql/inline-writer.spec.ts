import fc from 'fast-check';
import { createTestDatabase, holdSqliteLock, type TestDatabase } from '../testing';
import { runInlineTransaction, selectInline } from './inline-writer';

describe('runInlineTransaction() on the inline writer (real SQLite)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite', { inlineWriter: true });
    await db.ds.query('CREATE TABLE lit (k INTEGER PRIMARY KEY, s TEXT, x DOUBLE PRECISION)');
  });
  afterAll(() => db?.drop());

  it('should store every string and number exactly as a bound parameter stores it', async () => {
    let k = 0;
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000')), fc.double({ noNaN: true, noDefaultInfinity: true }), async (s, x) => {
      const a = ++k;
      const b = ++k;
      await runInlineTransaction(db.ds, [{ sql: 'INSERT INTO lit (k, s, x) VALUES (?, ?, ?)', params: [a, s, x] }]);
      await db.ds.query('INSERT INTO lit (k, s, x) VALUES (?, ?, ?)', [b, s, x]);
      const rows = (await db.ds.query('SELECT k, s, x FROM lit WHERE k IN (?, ?) ORDER BY k', [a, b])) as { s: string; x: number }[];
      expect(rows[0].s).toBe(rows[1].s);
      expect(rows[0].s).toBe(s);
      expect(Object.is(rows[0].x, rows[1].x) || rows[0].x === rows[1].x).toBe(true);
    }), { numRuns: 200 });
  });

  it('should roll back the whole script when one statement fails, and leave the connection usable', async () => {
    const insert = (s: string, x: number) => ({ sql: 'INSERT INTO lit (k, s, x) VALUES (?, ?, ?)', params: [100000, s, x] });
    await expect(runInlineTransaction(db.ds, [insert('first', 1), insert('same key', 2)])
    // matched by message: better-sqlite3's native part keeps the SqliteError class of the first Jest sandbox
    // that loaded it, so in a later test file of the same worker it is not this sandbox's Error
    ).rejects.toMatchObject({ message: expect.stringMatching(/UNIQUE constraint failed: lit\.k/) });
    expect(await db.ds.query('SELECT COUNT(*) AS n FROM lit WHERE k = 100000')).toEqual([{ n: 0 }]);
    await runInlineTransaction(db.ds, [insert('again', 3)]);
    expect(await db.ds.query('SELECT s FROM lit WHERE k = 100000')).toEqual([{ s: 'again' }]);
  });
});

describe('runInlineTransaction() with a string holding NUL, and selectInline() (real SQLite)', () => {
  it('should store the string as it is and read it back', async () => {
    const db = await createTestDatabase('sqlite', { inlineWriter: true });
    try {
      await db.ds.query('CREATE TABLE n (k INTEGER PRIMARY KEY, s TEXT)');
      await runInlineTransaction(db.ds, [{ sql: 'INSERT INTO n (k, s) VALUES (?, ?)', params: [1, 'a\u0000b'] }]);
      expect(await db.ds.query('SELECT s FROM n')).toEqual([{ s: 'a\u0000b' }]);
      expect(selectInline(db.ds, { sql: 'SELECT k, s FROM n WHERE k IN (?, ?)', params: [1, 2] })).toEqual([{ k: 1, s: 'a\u0000b' }]);
    } finally {
      await db.drop();
    }
  });

  it('should refuse a connection that is not the inline writer', async () => {
    const db = await createTestDatabase('sqlite');
    try {
      await expect(runInlineTransaction(db.ds, [])).rejects.toThrow(/needs the inline writer \(better-sqlite3\), not sqlite/);
    } finally {
      await db.drop();
    }
  });
});

describe('runInlineTransaction() while another process writes (real SQLite file)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite', { inlineWriter: true });
    await db.ds.query('CREATE TABLE w (k INTEGER PRIMARY KEY)');
  });
  afterAll(() => db?.drop());

  it('should wait for the write lock between event-loop turns, not on the event loop, then commit', async () => {
    const { released } = await holdSqliteLock(db.url, 400);
    let ticks = 0;
    let longest = 0;
    let last = Date.now();
    const timer = setInterval(() => {
      ticks++;
      longest = Math.max(longest, Date.now() - last);
      last = Date.now();
    }, 5);
    try {
      await runInlineTransaction(db.ds, [{ sql: 'INSERT INTO w (k) VALUES (?)', params: [1] }]);
    } finally {
      clearInterval(timer);
    }
    await released;
    expect(await db.ds.query('SELECT k FROM w')).toEqual([{ k: 1 }]);
    // SQLite's own busy wait would have frozen the loop for the whole 400 ms
    expect(ticks).toBeGreaterThan(10);
    expect(longest).toBeLessThan(200);
  });
});
