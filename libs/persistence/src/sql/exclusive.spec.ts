import { MarketStore } from '../stores/market.store';
import { SystemEventStore } from '../stores/system-event.store';
import { createTestDatabase, cycleBatch, type TestDatabase } from '../testing';
import { runExclusive, withTransaction } from './exclusive';

describe('withTransaction() on SQLite (one shared connection)', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('sqlite');
  });
  afterEach(() => db?.drop());

  it('should keep a write issued while another transaction is open out of that transaction and its rollback', async () => {
    const events = new SystemEventStore(db.ds);
    let concurrent: Promise<boolean> | undefined;
    await expect(withTransaction(db.ds, async (runner) => {
      await runner.query("INSERT INTO system_events (id, kind, reason, source, ts) VALUES ('t1', 'kill', 'inside', 'spec', '2025-01-01T00:00:00.000Z')");
      concurrent = events.record({ id: 'k1', kind: 'kill', reason: 'outside', source: 'spec', ts: '2025-01-01T00:00:01Z' });
      await new Promise((r) => setTimeout(r, 50)); // every chance for the other write to slip into this transaction
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await concurrent).toBe(true);
    expect((await events.list()).map((e) => e.id)).toEqual(['k1']);
  });

  it('should roll back a failing cycle without taking a concurrent write with it', async () => {
    const markets = new MarketStore(db.ds);
    const events = new SystemEventStore(db.ds);
    const bad = cycleBatch({ markets: 1500 });
    (bad.books[2999] as { askDepth: number | null }).askDepth = null;
    const [cycle, recorded] = await Promise.allSettled([
      markets.saveCycle(bad),
      events.record({ id: 'k1', kind: 'kill', reason: 'test', source: 'spec', ts: '2025-01-01T00:00:00Z' }),
    ]);
    expect(cycle.status).toBe('rejected');
    expect(recorded).toEqual({ status: 'fulfilled', value: true });
    expect((await events.list()).map((e) => e.id)).toEqual(['k1']);
    expect((await markets.countRows()).markets).toBe(0);
  });

  it('should run concurrent cycles one after the other', async () => {
    const store = new MarketStore(db.ds);
    const results = await Promise.all([0, 1, 2, 3].map((cycle) => store.saveCycle(cycleBatch({ cycle, markets: 700 }))));
    expect(results.map((r) => r.snapshots)).toEqual([700, 700, 700, 700]);
    expect((await store.countRows()).market_snapshots).toBe(2800);
  });

  it('should go on after a failed piece of work', async () => {
    await expect(runExclusive(db.ds, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(withTransaction(db.ds, async (runner) => runner.query('SELECT 1 AS one'))).resolves.toEqual([{ one: 1 }]);
  });
});
