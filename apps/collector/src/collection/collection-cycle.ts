import { CycleOutcome, MarketCycleCompletedEvent, Subjects, envelope } from '@polytrader/contracts';
import { ApiClient, DataCollectionConfig, mapLimit, ErrorTally, ServiceMetrics, StageTimer, StageTimingSink, stageOutcomeOf } from '@polytrader/platform';
import type { Logger } from 'pino';
import { ParsedMarket, parseGammaMarket } from '../gamma/gamma-market.parser';
import { fetchBooks } from './books.fetcher';
import { fetchHistory } from './history.fetcher';
import { fetchMarketPages } from './market-pages.fetcher';
import { CyclePublisher, CycleStore } from './ports';
import { toBookRecord, toMarketRecord, toSnapshotEvent, toSnapshotRecord } from './snapshot.mapper';

export interface CycleDeps {
  readonly gamma: ApiClient;
  readonly clob: ApiClient;
  readonly config: DataCollectionConfig;
  readonly store: CycleStore | null;
  readonly publisher: CyclePublisher | null;
  readonly logger: Logger;
  readonly source: string;
  readonly now?: () => number;
  /** where the cycle's stage timings go (docs/profiler.md); none: not stored */
  readonly timings?: StageTimingSink | null;
  /** the service's registry: stage timings observed in polytrader_cycle_duration_seconds */
  readonly metrics?: ServiceMetrics;
}

export type CycleReport = Omit<MarketCycleCompletedEvent, 'v' | 'id' | 'ts' | 'source'> & { readonly startedAt: string };

const PUBLISH_CONCURRENCY = 64;

/**
 * One collection cycle: markets (paged) → books (batched) → price history for new tokens →
 * one database transaction → market.snapshot per market → market.cycle.completed.
 * Failures of an API are counted and the cycle goes on with the rest; an abort (kill switch)
 * abandons it: nothing is stored or published but the "aborted" summary.
 */
export class CollectionCycle {
  constructor(private readonly deps: CycleDeps) {}

  async run(signal: AbortSignal): Promise<CycleReport> {
    const now = this.deps.now ?? Date.now;
    const startedMs = now();
    const cycleId = new Date(startedMs).toISOString();
    const tally = new ErrorTally();
    const counts = { markets: 0, snapshots: 0, books: 0, pricePoints: 0, rejected: 0 };
    const timer = new StageTimer({ service: this.deps.source, cycle: 'collection', cycleId, startedAt: cycleId, metrics: this.deps.metrics, ...(this.deps.now ? { now } : {}) });
    let outcome: CycleOutcome;
    try {
      outcome = await this.collect(cycleId, signal, tally, counts, startedMs, timer);
    } catch (err) {
      if (!signal.aborted) throw err;
      outcome = 'aborted';
      this.deps.logger.warn({ metrics: { cycleId } }, 'collection cycle aborted: nothing stored or published');
    }
    const report: CycleReport = {
      cycleId, startedAt: cycleId, ...counts, errors: tally.list(), breakers: this.breakers(), durationMs: now() - startedMs, outcome,
    };
    await this.publishSummary(report);
    // an aborted cycle stores nothing (kill switch), its timings neither: metrics only
    await timer.flush(outcome === 'aborted' ? null : this.deps.timings, this.deps.logger, stageOutcomeOf(outcome), report.durationMs);
    return report;
  }

  private async collect(cycleId: string, signal: AbortSignal, tally: ErrorTally, counts: Record<string, number>, nowMs: number, timer: StageTimer): Promise<CycleOutcome> {
    const { gamma, clob, config, logger, store } = this.deps;
    // stages per API (one ApiClient per API, docs/architecture.md): fetch.gamma, fetch.clob (books + history)
    const pages = await timer.time('fetch.gamma', () => fetchMarketPages(gamma, config.page_size, signal, tally));
    const markets = timer.timeSync('parse', () => this.parseMarkets(pages.raw, counts));
    const tokenIds = markets.flatMap((m) => m.tokenIds);
    const booksResult = await timer.time('fetch.clob', () => fetchBooks(clob, tokenIds, config.books_batch_size, config.concurrency, signal, tally, logger));
    counts.rejected += booksResult.rejected;
    const history = await timer.time('fetch.clob', () => this.backfillHistory(markets, signal, tally, nowMs));
    counts.rejected += history.rejected;
    signal.throwIfAborted();

    const markRecs = markets.map((m) => toMarketRecord(m, cycleId));
    const snapshots = markets.map((m) => toSnapshotRecord(m, cycleId, cycleId));
    const byToken = new Map(markets.flatMap((m) => m.tokenIds.map((t) => [t, m.id] as const)));
    const books = [...booksResult.books.values()].filter((b) => byToken.has(b.tokenId)).map((b) => toBookRecord(byToken.get(b.tokenId)!, b, cycleId, cycleId));
    await timer.time('persist', () => store?.saveCycle({ cycleId, ts: cycleId, markets: markRecs, snapshots, books, prices: history.points }));
    Object.assign(counts, { markets: markets.length, snapshots: snapshots.length, books: books.length, pricePoints: history.points.length });
    signal.throwIfAborted();

    await timer.time('publish', () => this.publishSnapshots(markets, booksResult.books, cycleId, signal, tally));
    if (!pages.complete && markets.length === 0) return 'failed';
    return pages.complete && tally.total === 0 ? 'completed' : 'partial';
  }

  private parseMarkets(raw: readonly unknown[], counts: Record<string, number>): ParsedMarket[] {
    const seen = new Set<string>();
    const markets: ParsedMarket[] = [];
    for (const r of raw) {
      const parsed = parseGammaMarket(r);
      if (!parsed.ok) {
        counts.rejected++;
        this.deps.logger.warn({ metrics: { api: 'gamma' } }, `market rejected: ${parsed.reason}`);
      } else if (seen.has(parsed.value.id)) {
        // Paging over a moving list can return a market twice: keep the first, count and log the repeat.
        counts.rejected++;
        this.deps.logger.warn({ metrics: { api: 'gamma', marketId: parsed.value.id } }, `market rejected: duplicate id ${parsed.value.id} in this cycle`);
      } else {
        seen.add(parsed.value.id);
        markets.push(parsed.value);
      }
    }
    return markets;
  }

  private async backfillHistory(markets: readonly ParsedMarket[], signal: AbortSignal, tally: ErrorTally, nowMs: number) {
    const { store, config, clob, logger } = this.deps;
    if (!store) return { points: [], rejected: 0 };
    const first = markets.map((m) => ({ marketId: m.id, tokenId: m.tokenIds[0] }));
    const known = await store.tokensWithHistory(first.map((r) => r.tokenId));
    const missing = first.filter((r) => !known.has(r.tokenId)).slice(0, config.history_backfill_per_cycle);
    return fetchHistory(clob, missing, {
      days: config.history_days, fidelityMinutes: config.history_fidelity_minutes, concurrency: config.concurrency, nowMs,
    }, signal, tally, logger);
  }

  private async publishSnapshots(markets: readonly ParsedMarket[], books: Parameters<typeof toSnapshotEvent>[1], cycleId: string, signal: AbortSignal, tally: ErrorTally) {
    const { publisher, source } = this.deps;
    if (!publisher) return;
    const results = await mapLimit(markets, PUBLISH_CONCURRENCY, (m) => publisher.publish(Subjects.MarketSnapshot, toSnapshotEvent(m, books, cycleId, source)), signal);
    signal.throwIfAborted();
    for (const r of results) if (r.status === 'rejected') tally.add('bus', r.reason);
  }

  private async publishSummary(report: CycleReport): Promise<void> {
    const { publisher, source, logger } = this.deps;
    const { startedAt: _startedAt, ...fields } = report;
    const event: MarketCycleCompletedEvent = { ...envelope(source), ...fields };
    logger.info({ metrics: { ...fields, errors: report.errors.length } }, `collection cycle ${report.outcome}: ${report.markets} markets in ${Math.round(report.durationMs)} ms`);
    try {
      await publisher?.publish(Subjects.MarketCycleCompleted, event);
    } catch (err) {
      logger.error({ err }, 'could not publish market.cycle.completed');
    }
  }

  private breakers(): Record<string, string> {
    return { gamma: this.deps.gamma.breakerState, clob: this.deps.clob.breakerState };
  }
}
