import { spawn } from 'node:child_process';
import { createDataSource } from '../data-source';
import { createTestDatabase, type TestDatabase } from '../testing';
import { acquireWriterLease, WriterLeaseHeldError } from './writer-lease';

/** Another process holding an exclusive SQLite lock on `file` until it is killed. */
async function holdLockInChild(file: string) {
  const child = spawn(process.execPath, ['-e', `
    const db = new (require('better-sqlite3'))(${JSON.stringify(file)}, { timeout: 0 });
    db.exec('BEGIN EXCLUSIVE'); process.stdout.write('locked\\n'); setInterval(() => {}, 1000);
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return { kill: () => (child.kill('SIGKILL'), exited) };
}

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

describe('acquireWriterLease() on SQLite, against another process', () => {
  it('should be refused while another process holds the lock file, and granted once that process is SIGKILLed', async () => {
    const db = await createTestDatabase('sqlite', { inlineWriter: true });
    try {
      const holder = await holdLockInChild(`${db.url}-risk-lock`);
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
