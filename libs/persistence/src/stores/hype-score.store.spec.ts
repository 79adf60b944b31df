import type { Engine } from '../engine';
import { PersistenceError } from '../errors';
import { createTestDatabase, type TestDatabase } from '../testing';
import { HypeScoreStore, type HypeScoreRecord } from './hype-score.store';

const row = (over: Partial<HypeScoreRecord> = {}): HypeScoreRecord => ({
  marketId: 'm1', intervalStart: '2025-01-01T00:00:00.000Z', mentions: 12, mentionsZ: 1.5, velocity: 0.2, sentiment: 0.25, hypeScore: 1.3, ...over,
});
const at = (k: number) => new Date(Date.parse('2025-01-01T00:00:00.000Z') + k * 900_000).toISOString();

describe.each<Engine>(['sqlite', 'postgres'])('HypeScoreStore (%s)', (engine) => {
  let db: TestDatabase;
  let store: HypeScoreStore;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    store = new HypeScoreStore(db.ds);
  });
  afterEach(() => db?.drop());

  describe('save()', () => {
    it('should upsert by (market, interval start) and keep the latest values', async () => {
      expect(await store.save([row(), row({ marketId: 'm2' })])).toBe(2);
      expect(await store.save([row({ mentions: 40, hypeScore: 4.2, sentiment: -0.5 })])).toBe(1);
      expect(await store.between({ from: at(0) })).toEqual([row({ mentions: 40, hypeScore: 4.2, sentiment: -0.5 }), row({ marketId: 'm2' })]);
      expect(await store.save([])).toBe(0);
    });

    it('should normalize interval starts to UTC ISO and round mentions to whole numbers', async () => {
      await store.save([row({ intervalStart: '2025-01-01T02:15:00+02:00', mentions: 7.4 })]);
      expect(await store.between({ from: at(0) })).toEqual([row({ intervalStart: '2025-01-01T00:15:00.000Z', mentions: 7 })]);
    });

    it('should write nothing when one row is not finite', async () => {
      await expect(store.save([row({ marketId: 'ok' }), row({ marketId: 'bad', hypeScore: Number.NaN })])).rejects.toBeInstanceOf(PersistenceError);
      expect(await store.between({ from: at(0) })).toEqual([]);
      await expect(store.save([row({ intervalStart: 'yesterday' })])).rejects.toThrow(/invalid hype interval_start/);
    });

    it('should write 1,200 rows in chunks', async () => {
      const rows = Array.from({ length: 1200 }, (_, i) => row({ marketId: `m${i % 30}`, intervalStart: at(Math.floor(i / 30)), mentions: i }));
      expect(await store.save(rows)).toBe(1200);
      expect(await store.between({ from: at(0), marketIds: ['m3'] })).toHaveLength(40);
    });
  });

  describe('between()', () => {
    beforeEach(async () => {
      await store.save([0, 1, 2, 3].flatMap((k) => ['m1', 'm2', 'm3'].map((m) => row({ marketId: m, intervalStart: at(k), mentions: k }))));
    });

    it('should return [from, to) ordered by market then time, for the asked markets', async () => {
      const got = await store.between({ from: at(1), to: at(3), marketIds: ['m3', 'm1', 'm1'] });
      expect(got.map((r) => `${r.marketId}@${r.mentions}`)).toEqual(['m1@1', 'm1@2', 'm3@1', 'm3@2']);
      expect(await store.between({ from: at(3) })).toHaveLength(3);
      expect(await store.between({ from: at(0), marketIds: [] })).toEqual([]);
      expect(await store.between({ from: at(0), marketIds: ['nope'] })).toEqual([]);
    });

    it('should split long id lists', async () => {
      const ids = [...Array.from({ length: 1100 }, (_, i) => `x${i}`), 'm2'];
      expect((await store.between({ from: at(0), marketIds: ids })).map((r) => r.marketId)).toEqual(['m2', 'm2', 'm2', 'm2']);
    });
  });
});
