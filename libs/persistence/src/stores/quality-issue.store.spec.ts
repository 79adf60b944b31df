import type { Engine } from '../engine';
import type { QualityIssueRecord } from '../records';
import { createTestDatabase, type TestDatabase } from '../testing';
import { QualityIssueStore } from './quality-issue.store';

const issue = (over: Partial<QualityIssueRecord> = {}): QualityIssueRecord => ({
  marketId: 'm1', cycleId: 'c1', kind: 'stale_price', severity: 'warning', detail: 'price unchanged for 6 cycles', ts: '2025-01-01T00:00:00.000Z', ...over,
});

describe.each<Engine>(['sqlite', 'postgres'])('QualityIssueStore (%s)', (engine) => {
  let db: TestDatabase;
  let store: QualityIssueStore;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    store = new QualityIssueStore(db.ds);
  });
  afterEach(() => db?.drop());

  describe('save()', () => {
    it('should be idempotent per (market, cycle, kind) and keep the latest detail', async () => {
      await store.save([issue(), issue({ kind: 'wide_spread', severity: 'info' })]);
      await store.save([issue({ detail: 'still stale', severity: 'error' })]);
      const all = await store.list();
      expect(all).toHaveLength(2);
      expect(all.find((i) => i.kind === 'stale_price')).toEqual(issue({ detail: 'still stale', severity: 'error' }));
      expect(await store.save([])).toBe(0);
    });

    it('should normalize timestamps to UTC ISO', async () => {
      await store.save([issue({ ts: '2025-01-01T02:00:00+02:00' })]);
      expect((await store.list())[0].ts).toBe('2025-01-01T00:00:00.000Z');
    });
  });

  describe('list()', () => {
    beforeEach(async () => {
      await store.save([
        issue({ marketId: 'm1', cycleId: 'c1', ts: '2025-01-01T00:00:00.000Z' }),
        issue({ marketId: 'm1', cycleId: 'c2', ts: '2025-01-02T00:00:00.000Z' }),
        issue({ marketId: 'm2', cycleId: 'c2', ts: '2025-01-02T00:00:00.000Z' }),
      ]);
    });

    it('should return newest first, filtered by market and time', async () => {
      expect((await store.list()).map((i) => `${i.marketId}/${i.cycleId}`)).toEqual(['m1/c2', 'm2/c2', 'm1/c1']);
      expect((await store.list({ marketId: 'm1' })).map((i) => i.cycleId)).toEqual(['c2', 'c1']);
      expect((await store.list({ since: '2025-01-01T12:00:00Z' })).map((i) => i.marketId)).toEqual(['m1', 'm2']);
      expect((await store.list({ marketId: 'm2', since: '2025-01-03T00:00:00Z' }))).toEqual([]);
      expect(await store.list({ limit: 1 })).toHaveLength(1);
    });
  });
});
