import { AnalysisCorrelationEvent, AnalysisMicrostructureEvent, Subjects, envelope } from '@polytrader/contracts';
import { AnalysisConfig, ServiceMetrics, StageTimer, StageTimingSink, mapLimit } from '@polytrader/platform';
import type { MarketAnalysisRecord, MarketRecord, MicrostructureRecord } from '@polytrader/persistence';
import { intervalIndex, intervalStartMs } from '@polytrader/quant';
import type { Logger } from 'pino';
import { AlignedSeries, GridWindow, MentionObservation, PriceObservation, alignMarket, priceGrid } from '../correlation/align';
import { MarketCorrelation, SkippedMarket, runCorrelation } from '../correlation/correlation-run';
import { measureBook } from '../microstructure/microstructure';
import { AnalysisPublisher, AnalysisStores } from './ports';

const MARKETS_PER_BATCH = 200;
const LOAD_CONCURRENCY = 4;
const PUBLISH_CONCURRENCY = 64;

export interface AnalysisRunDeps {
  readonly stores: AnalysisStores;
  readonly config: AnalysisConfig;
  /** data_collection.interval_minutes: the grid every series shares. */
  readonly intervalMinutes: number;
  readonly publisher: AnalysisPublisher | null;
  readonly logger: Logger;
  readonly source: string;
  readonly now?: () => number;
  /** where the run's stage timings go (docs/profiler.md); none: not stored */
  readonly timings?: StageTimingSink | null;
  readonly metrics?: ServiceMetrics;
}

export interface AnalysisReport {
  readonly runId: string;
  readonly ts: string;
  /** Grid window read: [from, to). */
  readonly from: string;
  readonly to: string;
  /** Open markets considered. */
  readonly markets: number;
  readonly tested: number;
  readonly skipped: number;
  /** BH family size per direction. */
  readonly family: number;
  /** Tested markets, rank 1 first. */
  readonly ranking: MarketAnalysisRecord[];
  readonly microstructure: number;
  /** Tokens whose book had no bid or no ask. */
  readonly oneSidedBooks: number;
  readonly published: number;
  readonly failedPublishes: number;
  readonly durationMs: number;
  readonly skippedMarkets: SkippedMarket[];
}

interface Loaded {
  readonly series: Map<string, AlignedSeries>;
  /** token id → its price on the grid over the volatility window */
  readonly recent: Map<string, Float64Array>;
}

/**
 * One analysis run (docs/analysis.md): load every open market's Yes price and mentions on the grid over
 * `lookback_days`, Granger both ways with BH, rank; measure every token's newest book; store the run in one
 * transaction; then publish analysis.correlation (per market and direction) and analysis.microstructure (per
 * token) when a publisher is given. An abort (kill, shutdown) stops it before anything is stored.
 */
export class AnalysisRun {
  constructor(private readonly deps: AnalysisRunDeps) {}

  async run(signal?: AbortSignal): Promise<AnalysisReport> {
    const { config, intervalMinutes, stores, logger } = this.deps;
    const started = (this.deps.now ?? Date.now)();
    const ts = new Date(started).toISOString();
    const runId = ts;
    const perDay = 1440 / intervalMinutes;
    // intervals up to and including the current one: its price (this slot's snapshot) counts, its hype is not scored yet
    const toK = intervalIndex(started, intervalMinutes) + 1;
    const window: GridWindow = { fromK: toK - Math.round(config.lookback_days * perDay), toK, minutes: intervalMinutes };
    const timer = new StageTimer({ service: this.deps.source, cycle: 'analysis', cycleId: runId, startedAt: ts, metrics: this.deps.metrics, ...(this.deps.now ? { now: this.deps.now } : {}) });
    const open = (await stores.markets.markets()).filter((m) => !m.closed);
    // align: the stored series read and put on the grid (reading dominates; docs/profiler.md)
    const loaded = await timer.time('align', () => this.load(open, window, signal));
    signal?.throwIfAborted();

    const outcome = timer.timeSync('granger', () => runCorrelation(loaded.series, { maxLag: config.max_lag, minPoints: config.min_points }));
    const ranking = outcome.markets.map((m) => toRecord(m, runId, ts));
    const microStart = timer.elapsedMs();
    const books = await stores.markets.latestBooks(open.map((m) => m.id));
    const micro: MicrostructureRecord[] = [];
    let oneSided = 0;
    for (const b of books) {
      const measures = measureBook(b, loaded.recent.get(b.tokenId) ?? [], {
        depthBps: config.depth_bps, impactNotional: config.impact_notional, periodsPerDay: perDay,
      });
      if (measures === null) oneSided++;
      else micro.push({ runId, marketId: b.marketId, tokenId: b.tokenId, ts, ...measures });
    }
    timer.record('microstructure', timer.elapsedMs() - microStart);
    signal?.throwIfAborted();
    await timer.time('persist', () => stores.results.saveRun(runId, ts, ranking, micro));

    const events = this.events(outcome.markets, micro, runId);
    const results = this.deps.publisher
      ? await timer.time('publish', () => mapLimit(events, PUBLISH_CONCURRENCY, (e) => this.deps.publisher!.publish(e.subject, e.event)))
      : [];
    const failed = results.filter((r) => r.status === 'rejected').length;
    const report: AnalysisReport = {
      runId, ts, from: new Date(intervalStartMs(window.fromK, intervalMinutes)).toISOString(), to: new Date(intervalStartMs(toK, intervalMinutes)).toISOString(),
      markets: open.length, tested: outcome.markets.length, skipped: outcome.skipped.length, family: outcome.family, ranking,
      microstructure: micro.length, oneSidedBooks: oneSided, published: results.length - failed, failedPublishes: failed,
      durationMs: (this.deps.now ?? Date.now)() - started, skippedMarkets: outcome.skipped,
    };
    const significant = ranking.filter((r) => r.hypeToPriceP < 0.05).length;
    logger.info({ metrics: { runId, markets: open.length, tested: report.tested, skipped: report.skipped, significant, micro: micro.length, failedPublishes: failed, durationMs: report.durationMs } },
      `analysis ${runId}: ${report.tested} market(s) tested, ${significant} with hype -> price adjusted p < 0.05`);
    if (failed > 0) logger.warn({ metrics: { runId, failed } }, `analysis ${runId}: ${failed} event(s) not published (results are stored)`);
    await timer.flush(this.deps.timings, logger, 'ok', report.durationMs);
    return report;
  }

  /** Price observations (CLOB history + snapshots) and mentions per market, batch by batch. */
  private async load(markets: readonly MarketRecord[], window: GridWindow, signal?: AbortSignal): Promise<Loaded> {
    const { stores, config, intervalMinutes } = this.deps;
    const fromMs = intervalStartMs(window.fromK, intervalMinutes);
    const toMs = intervalStartMs(window.toK, intervalMinutes) - 1;
    const fromIso = new Date(fromMs).toISOString();
    const toIso = new Date(toMs).toISOString();
    const volWindow: GridWindow = { ...window, fromK: Math.max(window.fromK, window.toK - config.volatility_intervals) };
    const volFromMs = intervalStartMs(volWindow.fromK, intervalMinutes);
    const series = new Map<string, AlignedSeries>();
    const recent = new Map<string, Float64Array>();
    for (let start = 0; start < markets.length; start += MARKETS_PER_BATCH) {
      signal?.throwIfAborted();
      const batch = markets.slice(start, start + MARKETS_PER_BATCH);
      const hype = await stores.hype.between({ from: fromIso, to: new Date(toMs + 1).toISOString(), marketIds: batch.map((m) => m.id) });
      const mentions = new Map<string, MentionObservation[]>();
      for (const h of hype) (mentions.get(h.marketId) ?? mentions.set(h.marketId, []).get(h.marketId)!).push({ intervalStartMs: Date.parse(h.intervalStart), mentions: h.mentions });
      const settled = await mapLimit(batch, LOAD_CONCURRENCY, async (m) => {
        const snapshots = await stores.markets.snapshotsBetween(m.id, fromIso, toIso);
        const yes = yesIndex(m);
        const perToken = await Promise.all(m.tokenIds.map(async (tokenId, outcome) => {
          // only the Yes token's price enters the Granger series; the others feed the volatility window alone
          const from = outcome === yes ? fromMs : volFromMs;
          const history = await stores.markets.priceHistory(tokenId, Math.floor(from / 1000), Math.floor(toMs / 1000));
          const obs: PriceObservation[] = history.map((p) => ({ tMs: p.t * 1000, price: p.price }));
          for (const s of snapshots) obs.push({ tMs: Date.parse(s.ts), price: s.outcomePrices[outcome] ?? Number.NaN });
          return { tokenId, obs };
        }));
        return { market: m, perToken };
      }, signal);
      for (const r of settled) {
        if (r.status === 'rejected') throw r.reason;
        const { market, perToken } = r.value;
        for (const t of perToken) recent.set(t.tokenId, priceGrid(t.obs, volWindow));
        const yes = perToken[yesIndex(market)];
        if (yes) series.set(market.id, alignMarket(yes.obs, mentions.get(market.id) ?? [], window));
      }
    }
    return { series, recent };
  }

  private events(markets: readonly MarketCorrelation[], micro: readonly MicrostructureRecord[], runId: string): { subject: string; event: object }[] {
    const { source, config } = this.deps;
    const out: { subject: string; event: object }[] = [];
    for (const m of markets) {
      for (const [direction, lags, best] of [['hype->price', m.hypeToPrice, m.hypeToPriceP], ['price->hype', m.priceToHype, m.priceToHypeP]] as const) {
        const bestLag = lags.find((l) => l.pAdjusted === best)?.lag;
        const event: AnalysisCorrelationEvent = {
          ...envelope(source), marketId: m.marketId, direction, results: lags.map((l) => ({ ...l })), pearson: m.pearson, rank: m.rank,
          runId, points: m.points, minPAdjusted: best, ...(bestLag === undefined ? {} : { bestLag }),
        };
        out.push({ subject: Subjects.AnalysisCorrelation, event });
      }
    }
    for (const r of micro) {
      const event: AnalysisMicrostructureEvent = {
        ...envelope(source), marketId: r.marketId, tokenId: r.tokenId, spread: r.spread, mid: r.mid, depth: r.depth, imbalance: r.imbalance,
        realizedVolatility: Number.isNaN(r.realizedVolatility) ? null : r.realizedVolatility,
        priceImpact: Number.isNaN(r.priceImpact) ? null : r.priceImpact,
        runId, depthBps: config.depth_bps, impactNotional: config.impact_notional,
      };
      out.push({ subject: Subjects.AnalysisMicrostructure, event });
    }
    return out;
  }
}

/** The Yes outcome's position (outcome_prices and token_ids are in the order of `outcomes`); 0 when no outcome is named Yes. */
export function yesIndex(market: Pick<MarketRecord, 'outcomes'>): number {
  const i = market.outcomes.findIndex((o) => o.trim().toLowerCase() === 'yes');
  return i < 0 ? 0 : i;
}

function toRecord(m: MarketCorrelation, runId: string, ts: string): MarketAnalysisRecord {
  return {
    runId, marketId: m.marketId, ts, points: m.points, hypeToPriceP: m.hypeToPriceP, hypeToPriceLag: m.hypeToPriceLag, hypeToPriceF: m.hypeToPriceF,
    priceToHypeP: m.priceToHypeP, pearson: m.pearson, rank: m.rank, results: { hypeToPrice: m.hypeToPrice, priceToHype: m.priceToHype },
  };
}
