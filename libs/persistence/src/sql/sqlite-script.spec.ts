import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../testing';
import { NotLiteralError, literalStatement, runSqliteTransaction, sqliteLiteral } from './sqlite-script';

describe("sqliteLiteral() and literalStatement()", () => {
  it('should write values as the bound parameters would be stored', () => {
    expect([null, undefined, 1.5, -2, 1e-7, NaN, Infinity, true, 'it\'s', ''].map(sqliteLiteral))
      .toEqual(['NULL', 'NULL', '1.5', '-2', '1e-7', 'NULL', 'NULL', '1', "'it''s'", "''"]);
    expect(() => sqliteLiteral('a\u0000b')).toThrow(NotLiteralError);
    expect(() => sqliteLiteral({})).toThrow(NotLiteralError);
  });

  it("should write a statement's values in place of its placeholders, and refuse a count that does not match", () => {
    expect(literalStatement({ sql: 'INSERT INTO t (a, b) VALUES (?, ?)', params: ["it's", null] })).toBe("INSERT INTO t (a, b) VALUES ('it''s', NULL)");
    expect(() => literalStatement({ sql: 'DELETE FROM t WHERE a = ?', params: [] })).toThrow('1 placeholders for 0 values');
  });
});

describe.each([
  { driver: 'sqlite3', inlineWriter: false },
  { driver: 'better-sqlite3 (inline writer)', inlineWriter: true },
])('runSqliteTransaction() on $driver (real SQLite)', ({ inlineWriter }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite', { inlineWriter });
    await db.ds.query('CREATE TABLE lit (k INTEGER PRIMARY KEY, s TEXT, x DOUBLE PRECISION)');
  });
  afterAll(() => db?.drop());

  it('should store every string and number exactly as a bound parameter stores it', async () => {
    let k = 0;
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000')), fc.double({ noNaN: true, noDefaultInfinity: true }), async (s, x) => {
      const a = ++k;
      const b = ++k;
      await runSqliteTransaction(db.ds, [{ sql: 'INSERT INTO lit (k, s, x) VALUES (?, ?, ?)', params: [a, s, x] }]);
      await db.ds.query('INSERT INTO lit (k, s, x) VALUES (?, ?, ?)', [b, s, x]);
      const rows = (await db.ds.query('SELECT k, s, x FROM lit WHERE k IN (?, ?) ORDER BY k', [a, b])) as { s: string; x: number }[];
      expect(rows[0].s).toBe(rows[1].s);
      expect(rows[0].s).toBe(s);
      expect(Object.is(rows[0].x, rows[1].x) || rows[0].x === rows[1].x).toBe(true);
    }), { numRuns: 200 });
  });

  it('should roll back the whole script when one statement fails, and leave the connection usable', async () => {
    const insert = (s: string, x: number) => ({ sql: 'INSERT INTO lit (k, s, x) VALUES (?, ?, ?)', params: [100000, s, x] });
    await expect(runSqliteTransaction(db.ds, [insert('first', 1), insert('same key', 2)])
    // matched by message: better-sqlite3's native part keeps the SqliteError class of the first Jest sandbox
    // that loaded it, so in a later test file of the same worker it is not this sandbox's Error
    ).rejects.toMatchObject({ message: expect.stringMatching(/UNIQUE constraint failed: lit\.k/) });
    expect(await db.ds.query('SELECT COUNT(*) AS n FROM lit WHERE k = 100000')).toEqual([{ n: 0 }]);
    await runSqliteTransaction(db.ds, [insert('again', 3)]);
    expect(await db.ds.query('SELECT s FROM lit WHERE k = 100000')).toEqual([{ s: 'again' }]);
  });
});

/** Another process holding SQLite's write lock for `holdMs`; resolves once it holds it, with its end. */
async function holdWriteLock(file: string, holdMs: number): Promise<{ released: Promise<void> }> {
  const child = spawn(process.execPath, ['-e', `
    const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return { released: exited };
}

describe('runSqliteTransaction() with a string holding NUL (real SQLite)', () => {
  it('should refuse it on sqlite3 before writing anything (no literal carries it), and store it on the inline writer', async () => {
    for (const inlineWriter of [false, true]) {
      const db = await createTestDatabase('sqlite', { inlineWriter });
      try {
        await db.ds.query('CREATE TABLE n (k INTEGER PRIMARY KEY, s TEXT)');
        const write = runSqliteTransaction(db.ds, [{ sql: 'INSERT INTO n (k, s) VALUES (?, ?)', params: [1, 'a\u0000b'] }]);
        if (inlineWriter) {
          await write;
          expect(await db.ds.query('SELECT s FROM n')).toEqual([{ s: 'a\u0000b' }]);
        } else {
          await expect(write).rejects.toThrow(NotLiteralError);
          expect(await db.ds.query('SELECT COUNT(*) AS n FROM n')).toEqual([{ n: 0 }]);
        }
      } finally {
        await db.drop();
      }
    }
  });
});

describe('runSqliteTransaction() on the inline writer while another process writes (real SQLite file)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite', { inlineWriter: true });
    await db.ds.query('CREATE TABLE w (k INTEGER PRIMARY KEY)');
  });
  afterAll(() => db?.drop());

  it('should wait for the write lock between event-loop turns, not on the event loop, then commit', async () => {
    const { released } = await holdWriteLock(db.url, 400);
    let ticks = 0;
    let longest = 0;
    let last = Date.now();
    const timer = setInterval(() => {
      ticks++;
      longest = Math.max(longest, Date.now() - last);
      last = Date.now();
    }, 5);
    try {
      await runSqliteTransaction(db.ds, [{ sql: 'INSERT INTO w (k) VALUES (?)', params: [1] }]);
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
