import type { Engine } from '../engine';
import { MarketStore } from '../stores/market.store';
import { HypeScoreStore, type HypeScoreRecord } from '../stores/hype-score.store';
import { createTestDatabase, cycleBatch, type TestDatabase } from '../testing';
import { hypeScoreVersions, marketVersions, pricePointsObserved } from './point-in-time';

const ALL = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };
const hype = (over: Partial<HypeScoreRecord> = {}): HypeScoreRecord => ({
  marketId: 'm0', intervalStart: '2025-01-01T00:00:00.000Z', mentions: 12, mentionsZ: 1.5, velocity: 0.2, sentiment: 0.25, hypeScore: 1.3, ...over,
});

describe.each<Engine>(['sqlite', 'postgres'])('point-in-time data (%s)', (engine) => {
  let db: TestDatabase;
  let markets: MarketStore;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    markets = new MarketStore(db.ds);
  });
  afterEach(() => db?.drop());

  it('should keep one market version per change, observed at the cycle that wrote it, however often the market is re-saved', async () => {
    const c0 = cycleBatch({ cycle: 0, markets: 2 });
    await markets.saveCycle(c0);
    await markets.saveCycle(cycleBatch({ cycle: 1, markets: 2 })); // same fields, a later cycle: no new version
    const c2 = cycleBatch({ cycle: 2, markets: 2 });
    c2.markets[1] = { ...c2.markets[1], active: false, closed: true };
    await markets.saveCycle(c2);
    const versions = await marketVersions(db.ds, ALL);
    expect(versions.map((v) => [v.marketId, v.observedAt, v.closed])).toEqual([
      ['m0', c0.ts, false], ['m1', c0.ts, false], ['m1', c2.ts, true],
    ]);
    expect(versions[2]).toMatchObject({ active: false, tokenIds: ['m1-yes', 'm1-no'], question: 'Will thing 1 happen?' });
    // the range is on observation time: what was known before c2 is the first version only
    expect((await marketVersions(db.ds, { from: ALL.from, to: c2.ts, marketIds: ['m1'] })).map((v) => v.closed)).toEqual([false]);
  });

  it('should record a price point as observed by the first cycle that stored it, not by a later re-fetch', async () => {
    const c0 = cycleBatch({ cycle: 0, markets: 1, pricePoints: 2 });
    await markets.saveCycle(c0);
    const c1 = cycleBatch({ cycle: 1, markets: 1, pricePoints: 2 });
    c1.prices.push(...c0.prices.map((p) => ({ ...p, price: 0.99 }))); // backfill again, even with other values
    await markets.saveCycle(c1);
    const points = await pricePointsObserved(db.ds, ALL);
    const first = new Set(c0.prices.map((p) => `${p.tokenId}@${p.t}`));
    for (const p of points) expect(p.observedAt).toBe(first.has(`${p.tokenId}@${p.t}`) ? c0.ts : c1.ts);
    const key = (p: { tokenId: string; t: number }) => `${p.tokenId}@${p.t}`;
    const stored = new Map(points.map((p) => [key(p), p.price]));
    for (const p of c0.prices) expect(stored.get(key(p))).toBe(p.price); // the first value is kept with its time
    expect(points.some((p) => p.price === 0.99)).toBe(false);
  });

  it('should keep every value a re-scored hype interval had, each from when it was computed', async () => {
    const scores = new HypeScoreStore(db.ds);
    await scores.save([hype()], '2025-01-01T00:15:00.000Z');
    await scores.save([hype()], '2025-01-01T00:30:00.000Z'); // unchanged: no version
    await scores.save([hype({ mentions: 40, hypeScore: 4.2 })], '2025-01-01T00:45:00.000Z'); // a late post re-scored it
    const versions = await hypeScoreVersions(db.ds, ALL);
    expect(versions.map((v) => [v.observedAt, v.mentions, v.hypeScore])).toEqual([
      ['2025-01-01T00:15:00.000Z', 12, 1.3], ['2025-01-01T00:45:00.000Z', 40, 4.2],
    ]);
    expect(await hypeScoreVersions(db.ds, { from: ALL.from, to: '2025-01-01T00:45:00.000Z' })).toHaveLength(1);
    await expect(scores.save([hype()], 'not a time')).rejects.toThrow(/hype observedAt/);
  });
});
