import { Rng } from '@polytrader/simulator';
import { AnalysisStore, HypeScoreStore, MarketStore, createDataSource, type BookSummaryRecord, type CycleRow, type HypeScoreRecord, type MarketRecord, type PricePointRecord } from '@polytrader/persistence';
import { AnalysisConfig } from '@polytrader/platform';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { AnalysisReport, AnalysisRun } from '../../../apps/analyzer/src/analysis/analysis-run';

const SLOT = 15 * 60_000;
const NOW = Date.parse('2025-03-01T03:00:05.000Z');
const CURRENT = Math.floor(NOW / SLOT);

export interface AnalysisRunBenchResult {
  markets: number;
  points: number;
  /** AnalysisRun.run(): load, align, Granger both ways × lags, BH, microstructure, one saveRun. */
  runMs: number;
  /** Baseline, same run, same database: just reading the rows the run reads (same queries, no math, no write). */
  readMs: number;
  seedMs: number;
  tested: number;
}

/**
 * `npm run bench`: one analysis run over `markets` markets with `points` intervals of CLOB history (both tokens)
 * and hype each, on a temp SQLite file — against the bare reads of the same rows through the same stores.
 */
export async function analysisRunBench(markets = 1000, points = 672): Promise<AnalysisRunBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'polytrader-bench-analysis-'));
  const ds = await createDataSource({ url: join(dir, 'analysis.sqlite') });
  try {
    const seedStarted = performance.now();
    const marketStore = new MarketStore(ds);
    const hypeStore = new HypeScoreStore(ds);
    const ts = new Date(CURRENT * SLOT + 5000).toISOString();
    const all: MarketRecord[] = [];
    for (let start = 0; start < markets; start += 100) {
      const batch: MarketRecord[] = [];
      const prices: PricePointRecord[] = [];
      const hype: HypeScoreRecord[] = [];
      const books: CycleRow<BookSummaryRecord>[] = [];
      for (let i = start; i < Math.min(markets, start + 100); i++) {
        const id = `m${i}`;
        const rand = new Rng(i + 1);
        const u = () => rand.next();
        const m: MarketRecord = {
          id, conditionId: `0x${i}`, slug: id, question: `q${i}?`, category: null, tags: [], endDate: null, active: true, closed: false,
          outcomes: ['Yes', 'No'], tokenIds: [`${id}-y`, `${id}-n`],
        };
        batch.push(m);
        let level = 0;
        let logit = 0;
        const x: number[] = [];
        for (let j = 0; j < points; j++) {
          const k = CURRENT - points + j;
          level = 0.6 * level + 0.5 * (u() + u() + u() - 1.5);
          const mentions = Math.round(12 * Math.exp(level));
          x.push(Math.log1p(mentions));
          logit += (i % 3 === 0 && j >= 2 ? 0.05 * (x[j - 2] - 2.5) : 0) + 0.05 * (u() + u() + u() - 1.5);
          const yes = 1 / (1 + Math.exp(-logit));
          prices.push({ tokenId: m.tokenIds[0], marketId: id, t: (k * SLOT) / 1000, price: yes }, { tokenId: m.tokenIds[1], marketId: id, t: (k * SLOT) / 1000, price: 1 - yes });
          hype.push({ marketId: id, intervalStart: new Date(k * SLOT).toISOString(), mentions, mentionsZ: 0, velocity: 0, sentiment: 0, hypeScore: 0 });
        }
        for (const tokenId of m.tokenIds) {
          books.push({ marketId: id, tokenId, bestBid: 0.49, bestAsk: 0.51, mid: 0.5, spread: 0.02, bidDepth: 300, askDepth: 300,
            bids: [[0.49, 100], [0.48, 200]], asks: [[0.51, 100], [0.52, 200]] });
        }
      }
      all.push(...batch);
      const snapshots = batch.map((m) => ({ marketId: m.id, outcomePrices: [0.5, 0.5], volume24h: null, liquidity: null }));
      await marketStore.saveCycle({ cycleId: ts, ts, markets: batch, snapshots, books, prices });
      await hypeStore.save(hype);
    }
    const seedMs = performance.now() - seedStarted;
    const config = Object.assign(new AnalysisConfig(), { lookback_days: Math.ceil(points / 96) });

    // Baseline first (it also warms the page cache for the run): the same reads the run makes, nothing else.
    const fromMs = (CURRENT + 1) * SLOT - config.lookback_days * 96 * SLOT;
    const toMs = (CURRENT + 1) * SLOT - 1;
    const volFromMs = Math.max(fromMs, (CURRENT + 1 - config.volatility_intervals) * SLOT);
    const r0 = performance.now();
    let rows = 0;
    for (let start = 0; start < all.length; start += 200) {
      const batch = all.slice(start, start + 200);
      rows += (await hypeStore.between({ from: new Date(fromMs).toISOString(), to: new Date(toMs + 1).toISOString(), marketIds: batch.map((m) => m.id) })).length;
      for (const m of batch) {
        rows += (await marketStore.snapshotsBetween(m.id, new Date(fromMs).toISOString(), new Date(toMs).toISOString())).length;
        // the Yes token over the lookback, the other only over the volatility window (as the run reads them)
        for (const [i, t] of m.tokenIds.entries()) rows += (await marketStore.priceHistory(t, Math.floor((i === 0 ? fromMs : volFromMs) / 1000), Math.floor(toMs / 1000))).length;
      }
    }
    rows += (await marketStore.latestBooks(all.map((m) => m.id))).length;
    const readMs = performance.now() - r0;
    if (rows === 0) throw new Error('analysis bench read nothing');

    const run = new AnalysisRun({
      stores: { markets: marketStore, hype: hypeStore, results: new AnalysisStore(ds) }, config, intervalMinutes: 15,
      publisher: null, logger: pino({ level: 'silent' }), source: 'bench', now: () => NOW,
    });
    const t0 = performance.now();
    const report: AnalysisReport = await run.run();
    const runMs = performance.now() - t0;
    return { markets, points, runMs, readMs, seedMs, tested: report.tested };
  } finally {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
