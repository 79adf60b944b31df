import { Engine } from '../engine';
import { HypeScoreStore } from '../stores/hype-score.store';
import { MarketStore } from '../stores/market.store';
import { TestDatabase, createTestDatabase, cycleBatch } from '../testing';
import { InvalidCursorError, listMarkets, MarketListItem } from './market-listing';

describe.each<Engine>(['sqlite', 'postgres'])('listMarkets() on %s', (engine) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    const markets = new MarketStore(db.ds);
    const older = cycleBatch({ cycle: 0, markets: 7 });
    const newer = cycleBatch({ cycle: 1, markets: 7 });
    // m6 closes; m5 has no snapshot in the newer cycle; m3 gets a later end date, m4 none
    newer.markets[6] = { ...newer.markets[6], active: false, closed: true };
    newer.markets[3] = { ...newer.markets[3], endDate: '2027-06-01T00:00:00.000Z' };
    newer.markets[4] = { ...newer.markets[4], endDate: null, question: 'Will 100% of votes_counted be in?' };
    newer.snapshots = newer.snapshots.filter((s) => s.marketId !== 'm5').map((s) => ({ ...s, volume24h: s.volume24h! * 2 }));
    await markets.saveCycle(older);
    await markets.saveCycle(newer);
    const hype = new HypeScoreStore(db.ds);
    const at = (h: number) => new Date(Date.parse('2025-01-01T00:00:00Z') + h * 3600_000).toISOString();
    await hype.save([
      { marketId: 'm1', intervalStart: at(0), mentions: 1, mentionsZ: 0, velocity: 0, sentiment: 0, hypeScore: 90 },
      { marketId: 'm1', intervalStart: at(1), mentions: 1, mentionsZ: 0, velocity: 0, sentiment: 0, hypeScore: 10 },
      { marketId: 'm2', intervalStart: at(1), mentions: 1, mentionsZ: 0, velocity: 0, sentiment: 0, hypeScore: 50 },
    ]);
  });
  afterAll(() => db.drop());

  const ids = (items: MarketListItem[]) => items.map((m) => m.id);

  it('should list active markets by latest hype, those without hype last, with their latest volume and liquidity', async () => {
    const page = await listMarkets(db.ds);
    expect(ids(page.items)).toEqual(['m2', 'm1', 'm0', 'm3', 'm4', 'm5']);
    expect(page.items[0]).toMatchObject({ id: 'm2', hypeScore: 50, volume24h: 2004, liquidity: 5020, question: 'Will thing 2 happen?' });
    expect(page.items.find((m) => m.id === 'm5')).toMatchObject({ volume24h: 1005, lastSnapshotAt: '2025-01-01T00:00:00.000Z' });
    expect(page.next).toBeNull();
  });

  it('should page by cursor without gaps or repeats, for every sort', async () => {
    for (const sort of ['hype', 'volume', 'liquidity', 'end_date'] as const) {
      const all = ids((await listMarkets(db.ds, { sort, limit: 200 })).items);
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listMarkets(db.ds, { sort, limit: 2, cursor });
        paged.push(...ids(page.items));
        cursor = page.next ?? undefined;
      } while (cursor);
      expect(paged).toEqual(all);
      expect(all).toHaveLength(6);
    }
    expect(ids((await listMarkets(db.ds, { sort: 'volume' })).items)).toEqual(['m4', 'm3', 'm2', 'm1', 'm0', 'm5']);
    expect(ids((await listMarkets(db.ds, { sort: 'end_date' })).items)).toEqual(['m0', 'm1', 'm2', 'm5', 'm3', 'm4']);
  });

  it('should filter by text (LIKE wildcards taken literally), category and status', async () => {
    expect(ids((await listMarkets(db.ds, { q: 'THING 2' })).items)).toEqual(['m2']);
    expect(ids((await listMarkets(db.ds, { q: '100%' })).items)).toEqual(['m4']);
    expect(ids((await listMarkets(db.ds, { q: 'votes_c' })).items)).toEqual(['m4']);
    expect(ids((await listMarkets(db.ds, { q: '_' })).items)).toEqual(['m4']);
    expect(ids((await listMarkets(db.ds, { category: 'Politics' })).items).sort()).toEqual(['m1', 'm3', 'm5']);
    expect(ids((await listMarkets(db.ds, { status: 'closed' })).items)).toEqual(['m6']);
    expect((await listMarkets(db.ds, { status: 'all' })).items).toHaveLength(7);
  });

  it('should refuse a cursor it did not make, naming it', async () => {
    await expect(listMarkets(db.ds, { cursor: 'garbage!' })).rejects.toThrow(InvalidCursorError);
    const dateCursor = (await listMarkets(db.ds, { sort: 'end_date', limit: 1 })).next!;
    await expect(listMarkets(db.ds, { sort: 'hype', cursor: dateCursor })).rejects.toThrow(/cursor: not a cursor of this sort/);
  });
});
