import type { Engine } from '../engine';
import { PersistenceError } from '../errors';
import { createTestDatabase, type TestDatabase } from '../testing';
import { SignalRecord, SignalStore } from './signal.store';

const at = (min: number) => new Date(Date.parse('2026-11-30T10:00:00.000Z') + min * 60_000).toISOString();
const signal = (over: Partial<SignalRecord> = {}): SignalRecord => ({
  id: 's1', marketId: 'm1', outcome: 'Yes', tokenId: 't1', side: 'BUY', price: 0.52, strength: 'MODERATE', confidence: 0.61, size: 38.4,
  reasons: ['granger p_adj=0.003 < 0.05 lag 2', 'rvr=2.60 ≥ 2'], ts: at(0), status: 'published', note: null, stake: 19.97, sector: 'politics', ...over,
});

describe.each<Engine>(['sqlite', 'postgres'])('SignalStore (%s)', (engine) => {
  let db: TestDatabase;
  let store: SignalStore;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    store = new SignalStore(db.ds);
  });
  afterEach(() => db?.drop());

  describe('save()', () => {
    it('should round-trip every field and update a signal saved again by id', async () => {
      expect(await store.save([signal(), signal({ id: 's2', strength: 'STRONG', side: 'SELL', stake: null, sector: null, ts: at(1) })])).toBe(2);
      expect(await store.recent()).toEqual([signal({ id: 's2', strength: 'STRONG', side: 'SELL', stake: null, sector: null, ts: at(1) }), signal()]);
      await store.save([signal({ status: 'failed', note: 'nats: timeout' })]);
      expect(await store.recent({ status: 'all' })).toHaveLength(2);
      expect(await store.recent({ status: 'failed' })).toEqual([signal({ status: 'failed', note: 'nats: timeout' })]);
      expect(await store.save([])).toBe(0);
    });

    it('should write nothing when one record is invalid, naming the field and value', async () => {
      await expect(store.save([signal({ id: 'ok' }), signal({ id: 'bad', strength: 'HUGE' as never })])).rejects.toThrow(/signal bad: invalid strength "HUGE"/);
      await expect(store.save([signal({ ts: 'yesterday' })])).rejects.toThrow(/invalid signal s1 ts: "yesterday"/);
      await expect(store.save([signal({ price: Number.NaN })])).rejects.toBeInstanceOf(PersistenceError);
      expect(await store.recent({ status: 'all' })).toEqual([]);
    });
  });

  describe('lastSignalTimes()', () => {
    it('should give each market its newest published signal, ignoring the other statuses', async () => {
      await store.save([
        signal({ id: 'a', ts: at(0) }), signal({ id: 'b', ts: at(30) }), signal({ id: 'c', ts: at(50), status: 'suppressed', note: 'sector' }),
        signal({ id: 'd', marketId: 'm2', ts: at(10) }), signal({ id: 'e', marketId: 'm3', ts: at(90), status: 'halted' }),
      ]);
      expect(await store.lastSignalTimes()).toEqual(new Map([['m1', at(30)], ['m2', at(10)]]));
      expect(await store.lastSignalTimes(['m2', 'm3', 'nope'])).toEqual(new Map([['m2', at(10)]]));
      expect(await store.lastSignalTimes([])).toEqual(new Map());
      expect(await store.countSince(at(0))).toBe(3);
      expect(await store.countSince(at(10))).toBe(2);
      expect(await store.countSince(at(0), 'suppressed')).toBe(1);
    });

    it('should read more markets than fit in one statement', async () => {
      await store.save(Array.from({ length: 1100 }, (_, i) => signal({ id: `s${i}`, marketId: `m${i}`, ts: at(i) })));
      const got = await store.lastSignalTimes(Array.from({ length: 1100 }, (_, i) => `m${i}`));
      expect(got.size).toBe(1100);
      expect(got.get('m1099')).toBe(at(1099));
    });
  });

  describe('recent()', () => {
    it('should filter by market and time and limit, newest first', async () => {
      await store.save([signal({ id: 'a', ts: at(0) }), signal({ id: 'b', ts: at(5) }), signal({ id: 'c', marketId: 'm2', ts: at(9) })]);
      expect((await store.recent({ limit: 2 })).map((s) => s.id)).toEqual(['c', 'b']);
      expect((await store.recent({ marketId: 'm1' })).map((s) => s.id)).toEqual(['b', 'a']);
      expect((await store.recent({ since: at(5) })).map((s) => s.id)).toEqual(['c', 'b']);
    });
  });
});
