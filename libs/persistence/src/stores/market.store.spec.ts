import type { Engine } from '../engine';
import { PersistenceError } from '../errors';
import type { CycleBatch } from '../records';
import { createTestDatabase, cycleBatch, type TestDatabase } from '../testing';
import { MarketStore } from './market.store';

describe.each<Engine>(['sqlite', 'postgres'])('MarketStore (%s)', (engine) => {
  let db: TestDatabase;
  let store: MarketStore;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    store = new MarketStore(db.ds);
  });
  afterEach(() => db?.drop());

  describe('saveCycle()', () => {
    it('should write markets, snapshots, books and prices and report what it wrote', async () => {
      const result = await store.saveCycle(cycleBatch({ markets: 3 }));
      expect(result).toEqual({ markets: 3, snapshots: 3, books: 6, prices: 12, durationMs: expect.any(Number) });
      expect(await store.countRows()).toEqual({ markets: 3, market_snapshots: 3, book_summaries: 6, price_history: 12 });
    });

    it('should leave exactly the same rows when the same batch is saved twice', async () => {
      const batch = cycleBatch({ markets: 5 });
      await store.saveCycle(batch);
      const before = { counts: await store.countRows(), markets: await store.markets(), snapshots: await store.latestSnapshots(10), books: await store.latestBooks() };
      const second = await store.saveCycle(batch);
      expect(second.prices).toBe(0); // price points are never rewritten
      expect({ counts: await store.countRows(), markets: await store.markets(), snapshots: await store.latestSnapshots(10), books: await store.latestBooks() }).toEqual(before);
    });

    it('should add snapshot rows for a second cycle but never duplicate markets or price points', async () => {
      const first = cycleBatch({ cycle: 0, markets: 4 });
      const second = { ...cycleBatch({ cycle: 1, markets: 4 }), prices: first.prices };
      await store.saveCycle(first);
      const result = await store.saveCycle(second);
      expect(result.prices).toBe(0);
      expect(await store.countRows()).toEqual({ markets: 4, market_snapshots: 8, book_summaries: 16, price_history: 16 });
      const [m0] = await store.markets(['m0']);
      expect(m0).toMatchObject({ firstSeenAt: first.ts, updatedAt: second.ts });
    });


    it('should update a market field that changed and keep when it was first seen', async () => {
      const first = cycleBatch({ cycle: 0, markets: 2 });
      await store.saveCycle(first);
      const second = cycleBatch({ cycle: 1, markets: 2 });
      second.markets[1] = { ...second.markets[1], question: 'Renamed?', closed: true, active: false, tags: ['Changed'], endDate: '2026-06-01T12:00:00Z' };
      await store.saveCycle(second);
      const [, m1] = await store.markets();
      expect(m1).toEqual({
        ...first.markets[1], question: 'Renamed?', closed: true, active: false, tags: ['Changed'], endDate: '2026-06-01T12:00:00.000Z',
        firstSeenAt: first.ts, updatedAt: second.ts,
      });
    });

    it('should not let a replayed older cycle overwrite a newer market', async () => {
      const newer = cycleBatch({ cycle: 5, markets: 1 });
      newer.markets[0].question = 'New wording?';
      await store.saveCycle(newer);
      await store.saveCycle(cycleBatch({ cycle: 1, markets: 1 }));
      expect((await store.markets())[0]).toMatchObject({ question: 'New wording?', updatedAt: newer.ts });
    });

    it('should roll back the whole cycle when one row is invalid', async () => {
      await store.saveCycle(cycleBatch({ cycle: 0, markets: 3 }));
      const before = await store.countRows();
      const bad: CycleBatch = cycleBatch({ cycle: 1, markets: 600 }); // more than one chunk of every table
      bad.markets[0].question = 'Should not be stored?';
      (bad.books[1100] as { bidDepth: number | null }).bidDepth = null; // NOT NULL, in the second chunk, after markets and snapshots went in
      await expect(store.saveCycle(bad)).rejects.toThrow(PersistenceError);
      await expect(store.saveCycle(bad)).rejects.toThrow(/cycle cycle-000001 not saved \(rolled back\)/);
      expect(await store.countRows()).toEqual(before);
      expect((await store.markets(['m0']))[0].question).toBe('Will thing 0 happen?');
    });

    it('should roll back when a snapshot names an unknown market (foreign key)', async () => {
      const bad = cycleBatch({ markets: 2 });
      bad.snapshots.push({ ...bad.snapshots[0], marketId: 'nope' });
      await expect(store.saveCycle(bad)).rejects.toThrow(PersistenceError);
      expect(await store.countRows()).toEqual({ markets: 0, market_snapshots: 0, book_summaries: 0, price_history: 0 });
    });

    it('should treat non-finite numbers as NULL the same way on both engines: refused where required, stored as null elsewhere', async () => {
      const bad = cycleBatch({ markets: 1 });
      bad.prices[0].price = Number.POSITIVE_INFINITY;
      await expect(store.saveCycle(bad)).rejects.toThrow(PersistenceError);
      expect((await store.countRows()).markets).toBe(0);

      const unknown = cycleBatch({ markets: 1 });
      Object.assign(unknown.snapshots[0], { volume24h: Number.NaN, liquidity: null });
      Object.assign(unknown.books[0], { bestBid: Number.NaN, mid: null });
      await store.saveCycle(unknown);
      expect((await store.latestSnapshots(1))[0]).toMatchObject({ volume24h: null, liquidity: null });
      expect((await store.latestBooks(['m0'])).find((b) => b.tokenId === 'm0-yes')).toMatchObject({ bestBid: null, mid: null, bestAsk: expect.any(Number) });
    });

    it('should refuse an invalid cycle time before touching the database', async () => {
      await expect(store.saveCycle({ ...cycleBatch(), ts: 'yesterday' })).rejects.toThrow(/invalid cycle ts: "yesterday"/);
    });

    it('should take cycleId and ts from the batch when rows leave them out, and normalize times to UTC ISO', async () => {
      const batch = cycleBatch({ markets: 1 });
      const { cycleId: _c, ts: _t, ...bare } = batch.snapshots[0];
      await store.saveCycle({ ...batch, ts: '2025-01-01T01:00:00+01:00', snapshots: [bare], books: [] });
      expect(await store.latestSnapshots(1)).toEqual([{ ...bare, cycleId: batch.cycleId, ts: '2025-01-01T00:00:00.000Z', qualityFlags: [] }]);
    });

    it('should save 2,000 snapshots in one cycle (several chunks)', async () => {
      const batch = cycleBatch({ markets: 2000, pricePoints: 1 });
      expect(await store.saveCycle(batch)).toMatchObject({ markets: 2000, snapshots: 2000, books: 4000, prices: 4000 });
      expect(await store.countRows()).toEqual({ markets: 2000, market_snapshots: 2000, book_summaries: 4000, price_history: 4000 });
    });
  });

  describe('readers', () => {
    const cycles = 4;
    beforeEach(async () => {
      for (let c = 0; c < cycles; c++) await store.saveCycle(cycleBatch({ cycle: c, markets: 3 }));
    });

    it('marketIds() should list every market', async () => {
      expect(await store.marketIds()).toEqual(['m0', 'm1', 'm2']);
    });

    it('markets() should return stored markets by id, all when no ids are given', async () => {
      expect((await store.markets()).map((m) => m.id)).toEqual(['m0', 'm1', 'm2']);
      expect(await store.markets(['m1', 'zz'])).toEqual([{ ...cycleBatch({ markets: 3 }).markets[1], firstSeenAt: cycleBatch({ cycle: 0 }).ts, updatedAt: cycleBatch({ cycle: 3 }).ts }]);
    });

    it('tokensWithHistory() should name the tokens that already have price points', async () => {
      expect(await store.tokensWithHistory(['m0-yes', 'm1-no', 'm9-yes', 'm0-yes'])).toEqual(new Set(['m0-yes', 'm1-no']));
      expect(await store.tokensWithHistory([])).toEqual(new Set());
    });

    it('latestSnapshots() should return the newest N per market, newest first', async () => {
      const latest = await store.latestSnapshots(2);
      expect(latest.map((s) => `${s.marketId}@${s.cycleId}`)).toEqual([
        'm0@cycle-000003', 'm0@cycle-000002', 'm1@cycle-000003', 'm1@cycle-000002', 'm2@cycle-000003', 'm2@cycle-000002',
      ]);
      const expected = cycleBatch({ cycle: 3, markets: 3 }).snapshots[1];
      expect(latest[2]).toEqual({ ...expected, qualityFlags: [] });
    });

    it('latestSnapshots() should restrict to the given markets and return what there is when N exceeds it', async () => {
      const latest = await store.latestSnapshots(10, ['m2', 'unknown']);
      expect(latest.map((s) => s.cycleId)).toEqual(['cycle-000003', 'cycle-000002', 'cycle-000001', 'cycle-000000']);
      expect(latest.every((s) => s.marketId === 'm2')).toBe(true);
      expect(await store.latestSnapshots(0)).toEqual([]);
      expect(await store.latestSnapshots(1, [])).toEqual([]);
    });

    it('latestSnapshots() should split a long id list into several statements', async () => {
      const ids = [...Array.from({ length: 1200 }, (_, i) => `x${i}`), 'm1', 'm0'];
      expect((await store.latestSnapshots(1, ids)).map((s) => s.marketId)).toEqual(['m0', 'm1']);
    });

    it('snapshotsBetween() should return one market in a time range, oldest first, bounds included', async () => {
      const c1 = cycleBatch({ cycle: 1 }).ts;
      const c2 = cycleBatch({ cycle: 2 }).ts;
      const rows = await store.snapshotsBetween('m1', c1, c2);
      expect(rows.map((s) => [s.marketId, s.ts])).toEqual([['m1', c1], ['m1', c2]]);
      expect(await store.snapshotsBetween('m1', '2030-01-01T00:00:00Z', '2031-01-01T00:00:00Z')).toEqual([]);
    });

    it('priceHistory() should return one token in a t range, oldest first', async () => {
      const batch = cycleBatch({ cycle: 1 });
      const points = batch.prices.filter((p) => p.tokenId === 'm0-yes');
      expect(await store.priceHistory('m0-yes', points[0].t, points[points.length - 1].t)).toEqual(points);
      expect(await store.priceHistory('m0-yes', 0, 10)).toEqual([]);
    });

    it('latestBooks() should return the books of the newest cycle of each market', async () => {
      const books = await store.latestBooks();
      const expected = cycleBatch({ cycle: cycles - 1, markets: 3 }).books;
      expect(books).toEqual([...expected].sort((a, b) => (a.marketId + a.tokenId).localeCompare(b.marketId + b.tokenId)));
      expect((await store.latestBooks(['m1'])).map((b) => b.tokenId)).toEqual(['m1-no', 'm1-yes']);
    });

    it('markSnapshotFlags() should append flags without losing existing ones, and survive a re-save of the cycle', async () => {
      const batch = cycleBatch({ cycle: 4, markets: 3 });
      batch.snapshots[0].qualityFlags = ['stale_price'];
      await store.saveCycle(batch);
      expect(await store.markSnapshotFlags('m0', batch.cycleId, ['spread_wide', 'stale_price'])).toEqual(['stale_price', 'spread_wide']);
      expect(await store.markSnapshotFlags('m0', batch.cycleId, ['volume_spike'])).toEqual(['stale_price', 'spread_wide', 'volume_spike']);
      await store.saveCycle(batch);
      const [latest] = await store.latestSnapshots(1, ['m0']);
      expect(latest.qualityFlags).toEqual(['stale_price', 'spread_wide', 'volume_spike']);
      expect(await store.markSnapshotFlags('m0', 'no-such-cycle', ['x'])).toBeNull();
    });

    it('markSnapshotFlags() should lose nothing when many writers flag one snapshot at once', async () => {
      const flags = Array.from({ length: 4 }, (_, i) => `flag_${i}`);
      await Promise.all(flags.map((f) => store.markSnapshotFlags('m2', 'cycle-000001', [f])));
      const [row] = await store.snapshotsBetween('m2', cycleBatch({ cycle: 1 }).ts, cycleBatch({ cycle: 1 }).ts);
      expect([...row.qualityFlags!].sort()).toEqual(flags);
    });
  });
});
