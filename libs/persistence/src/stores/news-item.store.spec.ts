import type { Engine } from '../engine';
import { createTestDatabase, type TestDatabase } from '../testing';
import { NewsItemStore, type NewsItemRecord } from './news-item.store';

const item = (over: Partial<NewsItemRecord> = {}): NewsItemRecord => ({
  guid: 'g1', title: 'Bitcoin hits a new high', link: 'https://news.example/1', feed: 'https://news.example/rss',
  publishedAt: '2025-01-01T10:00:00.000Z', fetchedAt: '2025-01-01T10:05:00.000Z', marketIds: ['m1', 'm2'], sentiment: 0.4404, ...over,
});

describe.each<Engine>(['sqlite', 'postgres'])('NewsItemStore (%s)', (engine) => {
  let db: TestDatabase;
  let store: NewsItemStore;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    store = new NewsItemStore(db.ds);
  });
  afterEach(() => db?.drop());

  describe('save()', () => {
    it('should keep the first sighting of a guid and ignore repeats', async () => {
      expect(await store.save([item(), item({ guid: 'g2', publishedAt: null })])).toBe(2);
      expect(await store.save([item({ title: 'changed', fetchedAt: '2025-01-02T00:00:00.000Z' }), item({ guid: 'g3' })])).toBe(1);
      const all = await store.since('2020-01-01T00:00:00Z');
      expect(all.find((i) => i.guid === 'g1')).toEqual(item());
      expect(all.find((i) => i.guid === 'g2')).toEqual(item({ guid: 'g2', publishedAt: null }));
      expect(await store.save([])).toBe(0);
    });

    it('should normalize times and keep unicode titles and empty market lists', async () => {
      await store.save([item({ publishedAt: '2025-01-01T12:00:00+02:00', title: 'Éclat — 📈 “hype”', marketIds: [] })]);
      expect((await store.since('2025-01-01T00:00:00Z'))[0]).toMatchObject({ publishedAt: '2025-01-01T10:00:00.000Z', title: 'Éclat — 📈 “hype”', marketIds: [] });
    });
  });

  describe('knownGuids()', () => {
    it('should return the stored ones among many', async () => {
      await store.save([item({ guid: 'a' }), item({ guid: 'b' })]);
      const asked = [...Array.from({ length: 700 }, (_, i) => `n${i}`), 'b', 'a', 'a'];
      expect([...(await store.knownGuids(asked))].sort()).toEqual(['a', 'b']);
      expect(await store.knownGuids([])).toEqual(new Set());
    });
  });

  describe('since()', () => {
    it('should return items published since, and undated ones fetched since, oldest first', async () => {
      await store.save([
        item({ guid: 'old', publishedAt: '2025-01-01T08:00:00.000Z', fetchedAt: '2025-01-01T10:05:00.000Z' }),
        item({ guid: 'new', publishedAt: '2025-01-01T09:30:00.000Z' }),
        item({ guid: 'undated-new', publishedAt: null, fetchedAt: '2025-01-01T09:10:00.000Z' }),
        item({ guid: 'undated-old', publishedAt: null, fetchedAt: '2025-01-01T08:50:00.000Z' }),
      ]);
      expect((await store.since('2025-01-01T09:00:00.000Z')).map((i) => i.guid)).toEqual(['undated-new', 'new']);
    });
  });
});
