import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { createDataSource } from '../data-source';
import { createTestDatabase, holdSqliteLock, type TestDatabase } from '../testing';
import { acquireWriterLease, watched, WriterLeaseHeldError } from './writer-lease';

describe.each(['sqlite', 'postgres'] as const)('acquireWriterLease() (%s)', (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(engine);
  });
  afterEach(() => db.drop());

  it('should refuse a second holder, naming the lock, until the first releases it', async () => {
    const first = await acquireWriterLease(db.ds, 'risk');
    expect(first?.where).toMatch(engine === 'sqlite' ? /test\.sqlite-risk-lock$/ : /advisory lock "polytrader:risk"/);
    // a second connection: SQLite locks per connection, PostgreSQL per session
    const other = await createDataSource({ url: db.url }, { migrationsRun: false });
    try {
      const refused = acquireWriterLease(other, 'risk');
      await expect(refused).rejects.toBeInstanceOf(WriterLeaseHeldError);
      await expect(refused).rejects.toThrow(/another risk process holds .*one risk per database/);
      // another name is another lease
      const notifier = await acquireWriterLease(other, 'notifier');
      await notifier?.release();
      await first!.release();
      await first!.release(); // twice is harmless
      const second = await acquireWriterLease(other, 'risk');
      expect(second).not.toBeNull();
      await second!.release();
    } finally {
      await other.destroy();
    }
  });
});

/** Resolves with the error passed to onLost, or rejects after `ms`. */
function lostWithin(ms: number): { onLost: (err: Error) => void; lost: Promise<Error> } {
  let onLost!: (err: Error) => void;
  const lost = new Promise<Error>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`onLost not called within ${ms} ms`)), ms);
    onLost = (err) => {
      clearTimeout(timer);
      resolve(err);
    };
  });
  return { onLost, lost };
}

describe('acquireWriterLease() while held: onLost', () => {
  it('should report a SQLite lock file deleted or replaced under the holder (another process could lock a new one)', async () => {
    const db = await createTestDatabase('sqlite');
    try {
      const deleted = lostWithin(5000);
      const lease = await acquireWriterLease(db.ds, 'risk', { onLost: deleted.onLost, checkEveryMs: 20 });
      rmSync(lease!.where);
      expect((await deleted.lost).message).toMatch(/risk-lock lost: the lock file was deleted/);
      await lease!.release();

      const replaced = lostWithin(5000);
      const again = await acquireWriterLease(db.ds, 'risk', { onLost: replaced.onLost, checkEveryMs: 20 });
      writeFileSync(`${again!.where}.new`, '');
      renameSync(`${again!.where}.new`, again!.where);
      expect((await replaced.lost).message).toMatch(/the lock file was replaced/);
      await again!.release();
    } finally {
      await db.drop();
    }
  });

  it('should report a PostgreSQL lease whose session the server ended', async () => {
    const db = await createTestDatabase('postgres');
    try {
      const watch = lostWithin(10_000);
      const lease = await acquireWriterLease(db.ds, 'risk', { onLost: watch.onLost, checkEveryMs: 20 });
      // as an administrator or a server restart would: end the session that holds the lock
      const [{ n }] = (await db.ds.query(
        "SELECT COUNT(pg_terminate_backend(pid)) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = hashtext('polytrader:risk')::oid",
      )) as { n: string }[];
      expect(Number(n)).toBe(1);
      expect((await watch.lost).message).toMatch(/advisory lock "polytrader:risk" lost/);
      await lease!.release().catch(() => undefined); // its connection is gone
    } finally {
      await db.drop();
    }
  });

  it('should report a lease whose check never answers (a server gone without closing the connection)', async () => {
    const watch = lostWithin(5000);
    const lease = watched({ where: 'test lease', check: () => new Promise<void>(() => undefined), release: async () => undefined }, { onLost: watch.onLost, checkEveryMs: 20 });
    expect((await watch.lost).message).toBe('test lease lost: no answer within 60 ms');
    await lease.release();
  });

  it('should not report anything once released', async () => {
    const db = await createTestDatabase('sqlite');
    try {
      const watch = lostWithin(300);
      const lease = await acquireWriterLease(db.ds, 'risk', { onLost: watch.onLost, checkEveryMs: 20 });
      await lease!.release();
      rmSync(lease!.where);
      await expect(watch.lost).rejects.toThrow(/not called/);
    } finally {
      await db.drop();
    }
  });
});

describe('acquireWriterLease() on SQLite, against another process', () => {
  it('should be refused while another process holds the lock file, and granted once that process is SIGKILLed', async () => {
    const db = await createTestDatabase('sqlite', { inlineWriter: true });
    try {
      const holder = await holdSqliteLock(`${db.url}-risk-lock`);
      await expect(acquireWriterLease(db.ds, 'risk')).rejects.toBeInstanceOf(WriterLeaseHeldError);
      await holder.kill(); // the operating system drops the dead holder's lock
      const lease = await acquireWriterLease(db.ds, 'risk');
      expect(lease).not.toBeNull();
      await lease!.release();
    } finally {
      await db.drop();
    }
  });

  it('should need no lease for an in-memory database (no other process can open it)', async () => {
    const ds = await createDataSource({ url: ':memory:' });
    try {
      expect(await acquireWriterLease(ds, 'risk')).toBeNull();
    } finally {
      await ds.destroy();
    }
  });
});
