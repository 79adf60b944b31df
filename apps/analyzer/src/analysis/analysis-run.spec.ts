import { Rng } from '@polytrader/simulator';
import { Subjects, encode, parse } from '@polytrader/contracts';
import { AnalysisStore, HypeScoreStore, MarketStore, type BookSummaryRecord, type CycleRow, type HypeScoreRecord, type MarketRecord, type PricePointRecord } from '@polytrader/persistence';
import { createTestDatabase, type TestDatabase } from '@polytrader/persistence/testing';
import { AnalysisConfig } from '@polytrader/platform';
import pino from 'pino';
import { AnalysisRun } from './analysis-run';
import type { AnalysisStores } from './ports';

const SLOT = 15 * 60_000;
const NOW = Date.parse('2025-02-01T03:00:05.000Z');
const CURRENT = Math.floor(NOW / SLOT);
const POINTS = 300;
const LED = new Set(['m0', 'm3', 'm6', 'm8']);

/** 9 markets; m0, m3, m6, m8 (m8 lists No first): Yes logit change at k = 0.08·(log1p(mentions[k−2]) − mean) + noise. */
async function seed(db: TestDatabase): Promise<void> {
  const markets: MarketRecord[] = [];
  const prices: PricePointRecord[] = [];
  const hype: HypeScoreRecord[] = [];
  const books: CycleRow<BookSummaryRecord>[] = [];
  const snapshots = [];
  const ts = new Date(CURRENT * SLOT + 5000).toISOString();
  for (let i = 0; i < 9; i++) {
    const id = `m${i}`;
    const rand = new Rng(i + 1);
    const z = () => Math.sqrt(-2 * Math.log(1 - rand.next())) * Math.cos(2 * Math.PI * rand.next()); // Box–Muller on the seeded stream
    markets.push({
      id, conditionId: `0x${i}`, slug: id, question: `q${i}?`, category: null, tags: [], endDate: null, active: true, closed: false,
      outcomes: i === 8 ? ['No', 'Yes'] : ['Yes', 'No'], tokenIds: [`${id}-a`, `${id}-b`],
    });
    const x: number[] = [];
    let logit = 0;
    let level = 0;
    for (let j = 0; j < POINTS; j++) {
      const k = CURRENT - POINTS + j;
      level = 0.6 * level + 0.5 * z();
      const mentions = Math.max(0, Math.round(12 * Math.exp(level)));
      x.push(Math.log1p(mentions));
      hype.push({ marketId: id, intervalStart: new Date(k * SLOT).toISOString(), mentions, mentionsZ: 0, velocity: 0, sentiment: 0, hypeScore: 0 });
      logit += (LED.has(id) && j >= 2 ? 0.08 * (x[j - 2] - 2.5) : 0) + 0.03 * z();
      const yes = 1 / (1 + Math.exp(-logit));
      const yesAt = i === 8 ? 1 : 0;
      prices.push({ tokenId: `${id}-${yesAt ? 'b' : 'a'}`, marketId: id, t: (k * SLOT) / 1000, price: yes });
      prices.push({ tokenId: `${id}-${yesAt ? 'a' : 'b'}`, marketId: id, t: (k * SLOT) / 1000, price: 1 - yes });
    }
    snapshots.push({ marketId: id, outcomePrices: i === 8 ? [0.5, 0.5] : [0.5, 0.5], volume24h: null, liquidity: null });
    const empty = i === 1;
    books.push({
      marketId: id, tokenId: `${id}-a`, bestBid: empty ? null : 0.49, bestAsk: 0.51, mid: empty ? null : 0.5, spread: empty ? null : 0.02,
      bidDepth: 0, askDepth: 0, bids: empty ? [] : [[0.49, 100]], asks: [[0.51, 300]],
    });
  }
  const store = new MarketStore(db.ds);
  await store.saveCycle({ cycleId: ts, ts, markets, snapshots, books, prices });
  await new HypeScoreStore(db.ds).save(hype);
}

describe('AnalysisRun (real SQLite)', () => {
  let db: TestDatabase;
  let stores: AnalysisStores;
  const config = Object.assign(new AnalysisConfig(), { lookback_days: 4, min_points: 50, max_lag: 4 });

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    await seed(db);
    stores = { markets: new MarketStore(db.ds), hype: new HypeScoreStore(db.ds), results: new AnalysisStore(db.ds) };
  });
  afterAll(() => db?.drop());

  it('should rank the hype-led markets first, store the run and publish valid events', async () => {
    const published: { subject: string; event: object }[] = [];
    const run = new AnalysisRun({
      stores, config, intervalMinutes: 15, logger: pino({ level: 'silent' }), source: 'analyzer', now: () => NOW,
      publisher: { publish: async (subject, event) => void published.push({ subject, event }) },
    });
    const report = await run.run();
    expect(report).toMatchObject({ runId: '2025-02-01T03:00:05.000Z', markets: 9, tested: 9, skipped: 0, family: 36, microstructure: 8, oneSidedBooks: 1 });
    expect(report.ranking.slice(0, 4).map((r) => r.marketId).sort()).toEqual(['m0', 'm3', 'm6', 'm8']);
    for (const r of report.ranking.slice(0, 4)) expect(r).toMatchObject({ hypeToPriceLag: 2, hypeToPriceP: expect.any(Number) });
    expect(report.ranking[3].hypeToPriceP).toBeLessThan(0.001);
    expect(report.ranking[4].hypeToPriceP).toBeGreaterThan(0.05);
    expect(report.ranking.every((r) => r.points === POINTS - 1)).toBe(true);

    const latest = await new AnalysisStore(db.ds).latestByMarket();
    expect(latest.size).toBe(9);
    expect(latest.get(report.ranking[0].marketId)).toEqual(report.ranking[0]);
    const micro = await new AnalysisStore(db.ds).latestMicrostructure(['m0']);
    expect(micro.get('m0')).toEqual([expect.objectContaining({ tokenId: 'm0-a', spread: expect.closeTo(0.02, 12), depth: 400, imbalance: -0.5 })]);
    expect(micro.get('m0')![0].realizedVolatility).toBeGreaterThan(0);

    expect(published.filter((p) => p.subject === Subjects.AnalysisCorrelation)).toHaveLength(18);
    expect(published.filter((p) => p.subject === Subjects.AnalysisMicrostructure)).toHaveLength(8);
    for (const p of published) {
      const parsed = parse(p.subject, encode(p.event));
      expect(parsed.ok ? 'ok' : parsed.error.message).toBe('ok');
    }
  });

  it('should use the outcome named Yes, not the first one', async () => {
    const run = new AnalysisRun({ stores, config, intervalMinutes: 15, logger: pino({ level: 'silent' }), source: 'analyzer', now: () => NOW + 1000, publisher: null });
    const report = await run.run();
    // m8 lists No first. Its No price is the mirror of Yes: the same F, but hype would go with a FALLING price.
    const pearsonOf = (id: string) => report.ranking.find((r) => r.marketId === id)!.pearson;
    expect(pearsonOf('m0')).toBeGreaterThan(0.1);
    expect(pearsonOf('m8')).toBeGreaterThan(0.1);
    expect(report.published).toBe(0);
  });

  it('should read the non-Yes token over the volatility window only, with the same results as reading everything', async () => {
    const calls: [string, number][] = [];
    const run = async (markets: AnalysisStores['markets'], at: number) => {
      const micro: unknown[] = [];
      const report = await new AnalysisRun({
        stores: { ...stores, markets }, config, intervalMinutes: 15, logger: pino({ level: 'silent' }), source: 'analyzer', now: () => at,
        publisher: { publish: async (subject, event) => void (subject === Subjects.AnalysisMicrostructure && micro.push({ ...event, id: 0, ts: 0, runId: 0 })) },
      }).run();
      return { ranking: report.ranking.map(({ runId: _r, ts: _t, ...r }) => r), micro };
    };
    const recorded = Object.assign(Object.create(stores.markets) as AnalysisStores['markets'], {
      priceHistory: (tokenId: string, fromT: number, toT: number) => (calls.push([tokenId, fromT]), stores.markets.priceHistory(tokenId, fromT, toT)),
    });
    const everything = Object.assign(Object.create(stores.markets) as AnalysisStores['markets'], {
      priceHistory: (tokenId: string, _fromT: number, toT: number) => stores.markets.priceHistory(tokenId, 0, toT),
    });
    const narrow = await run(recorded, NOW + 3000);
    const lookbackFrom = ((CURRENT + 1) * SLOT - config.lookback_days * 96 * SLOT) / 1000;
    const volFrom = ((CURRENT + 1 - config.volatility_intervals) * SLOT) / 1000;
    const from = new Map(calls);
    expect([from.get('m0-a'), from.get('m0-b'), from.get('m8-a'), from.get('m8-b')]).toEqual([lookbackFrom, volFrom, volFrom, lookbackFrom]);
    expect(narrow.micro.length).toBeGreaterThan(0);
    expect(await run(everything, NOW + 4000)).toEqual(narrow);
  });

  it('should store nothing when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('halted: test'));
    const run = new AnalysisRun({ stores, config, intervalMinutes: 15, logger: pino({ level: 'silent' }), source: 'analyzer', now: () => NOW + 2000, publisher: null });
    await expect(run.run(controller.signal)).rejects.toThrow('halted: test');
    const latest = await new AnalysisStore(db.ds).latestByMarket(['m0']);
    expect(latest.get('m0')!.runId).not.toBe(new Date(NOW + 2000).toISOString());
  });
});
