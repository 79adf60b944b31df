import type { Engine } from '../engine';
import { PersistenceError } from '../errors';
import { createTestDatabase, type TestDatabase } from '../testing';
import { AnalysisStore, type MarketAnalysisRecord, type MicrostructureRecord } from './analysis.store';

const T1 = '2025-01-01T03:00:00.000Z';
const T2 = '2025-01-02T03:00:00.000Z';

const market = (over: Partial<MarketAnalysisRecord> = {}): MarketAnalysisRecord => ({
  runId: 'r1', marketId: 'm1', ts: T1, points: 96, hypeToPriceP: 0.001, hypeToPriceLag: 2, hypeToPriceF: 12.5, priceToHypeP: 0.8,
  pearson: 0.41, rank: 1, results: { hypeToPrice: [{ lag: 1, f: 3, p: 0.04, adjustedP: 0.05 }], priceToHype: [] }, ...over,
});
const micro = (over: Partial<MicrostructureRecord> = {}): MicrostructureRecord => ({
  runId: 'r1', marketId: 'm1', tokenId: 'm1-yes', ts: T1, spread: 0.02, mid: 0.51, depth: 1500, imbalance: 0.2,
  realizedVolatility: 0.03, priceImpact: 0.004, ...over,
});

describe.each<Engine>(['sqlite', 'postgres'])('AnalysisStore (%s)', (engine) => {
  let db: TestDatabase;
  let store: AnalysisStore;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    store = new AnalysisStore(db.ds);
  });
  afterEach(() => db?.drop());

  it('should save a run and read each market back with its JSON results', async () => {
    await store.saveRun('r1', T1, [market(), market({ marketId: 'm2', rank: 2, hypeToPriceP: 0.3 })], [micro(), micro({ tokenId: 'm1-no', mid: 0.49 })]);
    const latest = await store.latestByMarket();
    expect([...latest.keys()]).toEqual(['m1', 'm2']);
    expect(latest.get('m1')).toEqual(market());
    expect(await store.run('r1')).toEqual([market(), market({ marketId: 'm2', rank: 2, hypeToPriceP: 0.3 })]);
    expect(await store.run('nope')).toEqual([]);
    const books = await store.latestMicrostructure(['m1']);
    expect(books.get('m1')).toEqual([micro({ tokenId: 'm1-no', mid: 0.49 }), micro()]);
  });

  it("should return each market's newest run, for the asked markets only", async () => {
    await store.saveRun('r1', T1, [market(), market({ marketId: 'm2', rank: 2 })], [micro(), micro({ marketId: 'm2', tokenId: 'm2-yes' })]);
    await store.saveRun('r2', T2, [market({ runId: 'r2', ts: T2, rank: 1, hypeToPriceP: 0.02 })], [micro({ runId: 'r2', ts: T2, spread: 0.05 })]);
    const latest = await store.latestByMarket(['m1', 'm2', 'm2', 'absent']);
    expect(latest.get('m1')).toMatchObject({ runId: 'r2', ts: T2, hypeToPriceP: 0.02 });
    expect(latest.get('m2')).toMatchObject({ runId: 'r1', ts: T1 });
    expect(latest.has('absent')).toBe(false);
    expect((await store.latestByMarket([])).size).toBe(0);
    const books = await store.latestMicrostructure();
    expect(books.get('m1')).toEqual([micro({ runId: 'r2', ts: T2, spread: 0.05 })]);
    expect(books.get('m2')?.map((r) => r.runId)).toEqual(['r1']);
    expect(await store.latestRunTs()).toBe(T2);
  });

  it('should have no latest run time on an empty store', async () => {
    expect(await store.latestRunTs()).toBeNull();
  });

  it('should keep one run per market when two runs share a timestamp (greater run id wins)', async () => {
    await store.saveRun('a', T1, [market({ runId: 'a' })], [micro({ runId: 'a' }), micro({ runId: 'a', tokenId: 'm1-no' })]);
    await store.saveRun('b', T1, [market({ runId: 'b', pearson: -0.1 })], [micro({ runId: 'b' })]);
    expect((await store.latestByMarket()).get('m1')).toMatchObject({ runId: 'b', pearson: -0.1 });
    expect((await store.latestMicrostructure()).get('m1')?.map((r) => `${r.runId}/${r.tokenId}`)).toEqual(['b/m1-yes']);
  });

  it('should replace a run saved again and store NaN volatility/impact as NULL (read back as NaN)', async () => {
    await store.saveRun('r1', T1, [market()], [micro()]);
    await store.saveRun('r1', T1, [market({ rank: 3 })], [micro({ realizedVolatility: Number.NaN, priceImpact: Number.NaN })]);
    expect((await store.latestByMarket()).get('m1')?.rank).toBe(3);
    const [row] = (await store.latestMicrostructure()).get('m1') ?? [];
    expect(row.realizedVolatility).toBeNaN();
    expect(row.priceImpact).toBeNaN();
  });

  it('should write nothing when one record is invalid, and name the problem', async () => {
    await expect(store.saveRun('r1', T1, [market(), market({ marketId: 'bad', hypeToPriceP: Number.NaN })], [])).rejects.toBeInstanceOf(PersistenceError);
    await expect(store.saveRun('r1', T1, [market()], [micro({ spread: Number.POSITIVE_INFINITY })])).rejects.toThrow(/rolled back/);
    expect((await store.latestByMarket()).size).toBe(0);
    await expect(store.saveRun('r1', T1, [market({ runId: 'other' })], [])).rejects.toThrow(/runId "other" is not the run's "r1"/);
    await expect(store.saveRun('r1', T1, [market({ ts: T2 })], [])).rejects.toThrow(/ts .* is not the run's/);
    await expect(store.saveRun('r1', 'someday', [], [])).rejects.toThrow(/invalid analysis ts: "someday"/);
    await expect(store.saveRun('', T1, [], [])).rejects.toThrow(/invalid runId/);
    await expect(store.saveRun('r1', T1, [market({ rank: 1.5 })], [])).rejects.toBeInstanceOf(PersistenceError);
  });

  it('should save and read 1,200 markets (chunked statements and id lists)', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => market({ marketId: `m${String(i).padStart(4, '0')}`, rank: i + 1 }));
    await store.saveRun('r1', T1, many, []);
    expect((await store.latestByMarket()).size).toBe(1200);
    const ids = [...many.slice(0, 700).map((m) => m.marketId), 'zz'];
    expect((await store.latestByMarket(ids)).size).toBe(700);
  });
});
