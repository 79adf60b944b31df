import type { Engine } from '../engine';
import { PersistenceError } from '../errors';
import { HypeScoreStore } from '../stores/hype-score.store';
import { MarketStore } from '../stores/market.store';
import { AlertRejectionStore } from '../stores/alert-rejection.store';
import { NewsItemStore } from '../stores/news-item.store';
import { QualityIssueStore } from '../stores/quality-issue.store';
import { createTestDatabase, cycleBatch, type TestDatabase } from '../testing';
import { optimizeDatabase } from './optimize-database';

const DAY = 96; // 15-minute cycles per day

describe.each<Engine>(['sqlite', 'postgres'])('optimizeDatabase() (%s)', (engine) => {
  let db: TestDatabase;
  let store: MarketStore;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    store = new MarketStore(db.ds);
  });
  afterEach(() => db?.drop());

  it('should delete snapshots and books older than the retention, keep the rest, and report sanely', async () => {
    // 10 days of 4 cycles a day (every 6 h) for 20 markets
    for (let c = 0; c < 40; c++) await store.saveCycle(cycleBatch({ cycle: c, markets: 20, intervalMinutes: 6 * 60 }));
    // one hype score a day for 10 days, and one news item fetched on day 2 and one on day 9
    const start = Date.parse('2025-01-01T00:00:00.000Z');
    await new HypeScoreStore(db.ds).save([...Array(10).keys()].map((d) => ({
      marketId: 'm0', intervalStart: new Date(start + d * 86_400_000).toISOString(), mentions: d, mentionsZ: 0, velocity: 0, sentiment: 0, hypeScore: 0,
    })));
    const news = new NewsItemStore(db.ds);
    for (const [guid, day] of [['old', 2], ['new', 9]] as const) {
      const fetchedAt = new Date(start + day * 86_400_000).toISOString();
      await news.save([{ guid, title: guid, link: `https://n.example/${guid}`, feed: 'f', publishedAt: null, fetchedAt, marketIds: ['m0'], sentiment: 0 }]);
    }
    // a quality issue on day 2 and one on day 9; rejections on day 2 (summarized), day 2 (waiting) and day 9 (summarized)
    const day = (d: number) => new Date(start + d * 86_400_000).toISOString();
    const issues = new QualityIssueStore(db.ds);
    await issues.save([2, 9].map((d) => ({ marketId: 'm0', cycleId: `c${d}`, kind: 'stale', severity: 'warning' as const, detail: 'old', ts: day(d) })));
    const rejections = new AlertRejectionStore(db.ds);
    await rejections.add({ eventId: 'r-old', marketId: 'm0', reasons: ['x'], ts: day(2) });
    await rejections.add({ eventId: 'r-new', marketId: 'm0', reasons: ['x'], ts: day(9) });
    expect(await rejections.summarize('s1', () => [])).toHaveLength(2);
    await rejections.add({ eventId: 'r-waiting', marketId: 'm0', reasons: ['x'], ts: day(2) });
    const now = new Date('2025-01-11T00:00:00.000Z');
    const report = await optimizeDatabase(db.ds, { retentionDays: 3, now });

    // cycles at or after 2025-01-08T00:00Z survive: 12 of 40
    expect(report.cutoff).toBe('2025-01-08T00:00:00.000Z');
    expect(report.deleted).toEqual({
      snapshots: 28 * 20, books: 28 * 40, hypeScores: 7, newsItems: 1, qualityIssues: 1, summarizedRejections: 1, waitingRejections: 0,
      alerts: 0, signals: 0, riskDecisions: 0, analyses: 0, microstructure: 0, priceHistoryThinned: 0, priceHistory: 0, stageTimings: 0,
      // every hype score deleted had one version; each market kept its one version (the newest at the cutoff)
      hypeScoreVersions: 7, marketVersions: 0,
    });
    expect((await issues.list()).map((i) => i.cycleId)).toEqual(['c9']);
    // the old rejection still waiting for its summary is kept, and summarized next time
    expect((await rejections.summarize('s2', () => [])).map((r) => r.eventId)).toEqual(['r-waiting']);
    expect(await store.countRows()).toEqual({ markets: 20, market_snapshots: 12 * 20, book_summaries: 12 * 40, price_history: 40 * 40 * 2 });
    const oldest = await store.snapshotsBetween('m0', '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z');
    expect(oldest[0].ts).toBe(report.cutoff);

    expect(report.engine).toBe(engine);
    expect(report.sizeBeforeBytes).toBeGreaterThan(0);
    expect(report.sizeAfterBytes).toBeGreaterThan(0);
    if (engine === 'sqlite') expect(report.sizeAfterBytes).toBeLessThan(report.sizeBeforeBytes); // VACUUM + WAL truncated
    expect(report.tables).toHaveLength(new Set(db.ds.entityMetadatas.map((m) => m.tableName)).size);
    expect(report.tables.find((t) => t.name === 'market_snapshots')).toEqual({ name: 'market_snapshots', rows: 240, bytes: expect.any(Number) });
    expect(report.tables.find((t) => t.name === 'markets')!.bytes).toBeGreaterThan(0);
    expect(report.indexes).toEqual(expect.arrayContaining([
      { name: 'IDX_market_snapshots_market_ts', table: 'market_snapshots' },
      { name: 'IDX_book_summaries_market_ts', table: 'book_summaries' },
      { name: 'IDX_price_history_market_t', table: 'price_history' },
    ]));
    expect(report.indexes.every((i) => report.tables.some((t) => t.name === i.table))).toBe(true);
    expect(report.durationMs).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report); // plain data
  });

  it('should leave a WAL file of zero bytes behind on SQLite and keep working', async () => {
    if (engine !== 'sqlite') return;
    await store.saveCycle(cycleBatch({ markets: 50 }));
    await optimizeDatabase(db.ds, { retentionDays: 90, now: new Date('2025-01-02T00:00:00Z') });
    const { statSync } = await import('node:fs');
    expect(statSync(`${db.url}-wal`).size).toBe(0);
    expect(await db.ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    await store.saveCycle(cycleBatch({ cycle: 1, markets: 50 }));
    expect((await store.countRows()).market_snapshots).toBe(100);
  });

  it('should refuse a retention that is not a positive number', async () => {
    await expect(optimizeDatabase(db.ds, { retentionDays: 0 })).rejects.toThrow(PersistenceError);
    await expect(optimizeDatabase(db.ds, { retentionDays: Number.NaN })).rejects.toThrow(/retentionDays must be a positive number/);
  });
});
