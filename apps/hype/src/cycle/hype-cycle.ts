import { ApiErrorCount, CycleOutcome, HypeScoreEvent, NewsItemEvent, Subjects, envelope } from '@polytrader/contracts';
import { ApiCallError, ApiClient, HttpStatusError, HypeConfig, mapLimit, ErrorTally, ServiceMetrics, StageTimer, StageTimingSink, stageOutcomeOf } from '@polytrader/platform';
import type { HypeScoreRecord, MarketRecord, NewsItemRecord } from '@polytrader/persistence';
import { IntervalInput, intervalIndex, intervalMs, intervalStartMs, lastCompleteInterval, scoreIntervals } from '@polytrader/quant';
import type { Logger } from 'pino';
import { FreshNews, fetchNews } from '../news/news.fetcher';
import { NewsMatcher } from '../news/news-matcher';
import { marketQueries } from '../queries/market-queries';
import { MarketCounts, MarketPosts, XClients, fetchCounts, fetchPosts } from '../x/x.fetcher';
import { parseXProblem, xProblemText } from '../x/x-problem.parser';
import { MentionHistory } from './mention-history';
import { HypePublisher, HypeStores } from './ports';

/** A cycle scores the newest interval that ended at least this long ago (X wants end_time ≥ 10 s in the past). */
export const SETTLE_MS = 15_000;
/** X keeps 7 days of recent posts; a counts request starts within that, with a margin. */
const X_HISTORY_MS = 7 * 86_400_000 - 30 * 60_000;
const PUBLISH_CONCURRENCY = 64;

export type HypeMode = 'x+news' | 'news' | 'none';

export interface HypeCycleDeps {
  readonly config: HypeConfig;
  /** null without X_BEARER_TOKEN: news only, no X call */
  readonly x: XClients | null;
  readonly rssClientFor: (feedUrl: string) => ApiClient;
  readonly stores: HypeStores;
  /** kept across cycles by the scheduler */
  readonly history: MentionHistory;
  readonly publisher: HypePublisher | null;
  readonly logger: Logger;
  readonly source: string;
  readonly breakers: () => Record<string, string>;
  readonly now?: () => number;
  /** where the cycle's stage timings go (docs/profiler.md); none: not stored */
  readonly timings?: StageTimingSink | null;
  readonly metrics?: ServiceMetrics;
}

export interface HypeCycleReport {
  readonly cycleId: string;
  readonly startedAt: string;
  /** start of the interval this cycle scored */
  readonly intervalStart: string;
  readonly mode: HypeMode;
  /** active, open markets */
  readonly markets: number;
  /** markets with a score for the interval */
  readonly scored: number;
  /** markets left for a later cycle (no usable mention count this time) */
  readonly skipped: number;
  /** hype rows written, catch-up and backfill intervals included */
  readonly rows: number;
  /** X posts scored for sentiment */
  readonly posts: number;
  readonly news: { readonly seen: number; readonly fresh: number; readonly matched: number; readonly feedsOk: number; readonly feedsFailed: number };
  readonly published: number;
  /** records rejected alone (count buckets, posts, feed items) */
  readonly rejected: number;
  readonly errors: ApiErrorCount[];
  readonly breakers: Record<string, string>;
  readonly durationMs: number;
  readonly outcome: CycleOutcome;
}

interface Plan {
  readonly market: MarketRecord;
  readonly queries: string[];
  /** first interval index to score (catch-up or backfill), ≤ the target */
  readonly from: number;
}

interface MarketX {
  readonly counts: MarketCounts;
  readonly posts: MarketPosts | null;
}

type Counters = { markets: number; scored: number; skipped: number; rows: number; posts: number; published: number; rejected: number };

/**
 * One hype cycle for the newest complete interval t of the grid:
 *   active markets (from the collector's table) → news feeds (deduplicated, matched, scored) →
 *   per market, X mention counts since its last stored interval (backfill the first time) and the posts
 *   of t for sentiment → hype score per interval (libs/quant) → news and scores stored → news.item and
 *   hype.score (interval t) published.
 * An API that fails is counted and the cycle goes on; a market without a mention count this time is left
 * for the next cycle, which catches up. An abort (kill switch) stores and publishes nothing.
 */
export class HypeCycle {
  /** failure kinds already warned about in this cycle */
  private readonly warned = new Set<string>();
  /** conditions warned about once for the life of the service */
  private readonly warnedOnce = new Set<string>();

  constructor(private readonly deps: HypeCycleDeps) {}

  get mode(): HypeMode {
    return this.deps.x ? 'x+news' : this.deps.config.rss_feeds.length ? 'news' : 'none';
  }

  async run(signal: AbortSignal): Promise<HypeCycleReport> {
    const now = this.deps.now ?? Date.now;
    const startedMs = now();
    const minutes = this.deps.config.interval_minutes;
    const target = lastCompleteInterval(startedMs, minutes, SETTLE_MS);
    const cycleId = new Date(startedMs).toISOString();
    const tally = new ErrorTally();
    const counters: Counters = { markets: 0, scored: 0, skipped: 0, rows: 0, posts: 0, published: 0, rejected: 0 };
    let news: FreshNews = { items: [], feedsOk: 0, feedsFailed: 0, seen: 0, rejected: 0 };
    const timer = new StageTimer({ service: this.deps.source, cycle: 'hype', cycleId, startedAt: cycleId, metrics: this.deps.metrics, ...(this.deps.now ? { now } : {}) });
    let outcome: CycleOutcome;
    try {
      const markets = (await timer.time('markets', () => this.deps.stores.markets.markets())).filter((m) => m.active && !m.closed);
      counters.markets = markets.length;
      news = await timer.time('news', () => this.fetchNewsIfAny(markets, cycleId, signal, tally, timer));
      outcome = await this.collect(target, markets, news, signal, tally, counters, timer);
    } catch (err) {
      if (!signal.aborted) throw err;
      outcome = 'aborted';
      news = { ...news, items: [] };
      this.deps.logger.warn({ metrics: { cycleId } }, 'hype cycle aborted: nothing stored or published');
    }
    const report: HypeCycleReport = {
      cycleId, startedAt: cycleId, intervalStart: new Date(intervalStartMs(target, minutes)).toISOString(), mode: this.mode, ...counters,
      rejected: counters.rejected + news.rejected,
      news: { seen: news.seen, fresh: news.items.length, matched: news.items.filter((i) => i.marketIds.length).length, feedsOk: news.feedsOk, feedsFailed: news.feedsFailed },
      errors: tally.list(), breakers: this.deps.breakers(), durationMs: now() - startedMs, outcome,
    };
    this.logReport(report);
    // an aborted cycle stores nothing (kill switch), its timings neither: metrics only
    await timer.flush(outcome === 'aborted' ? null : this.deps.timings, this.deps.logger, stageOutcomeOf(outcome), report.durationMs);
    return report;
  }

  private async fetchNewsIfAny(markets: readonly MarketRecord[], cycleId: string, signal: AbortSignal, tally: ErrorTally, timer: StageTimer): Promise<FreshNews> {
    const { config, stores, logger, rssClientFor } = this.deps;
    // without markets (the collector has not stored any yet) an article could match nothing, and being
    // deduplicated it would never be matched later: leave the feeds for a cycle that has markets
    if (config.rss_feeds.length === 0 || markets.length === 0) return { items: [], feedsOk: 0, feedsFailed: 0, seen: 0, rejected: 0 };
    return fetchNews({
      feeds: config.rss_feeds, clientFor: rssClientFor, matcher: new NewsMatcher(markets), known: (keys) => stores.news.knownGuids(keys),
      concurrency: config.concurrency, logger, timeSentiment: (fn) => timer.timeSync('sentiment', fn),
    }, cycleId, signal, tally);
  }

  private async collect(
    target: number, markets: readonly MarketRecord[], news: FreshNews, signal: AbortSignal, tally: ErrorTally, counters: Counters, timer: StageTimer,
  ): Promise<CycleOutcome> {
    const { config, stores, history } = this.deps;
    const minutes = config.interval_minutes;
    if (this.mode === 'none') return 'completed';
    const reach = this.reach();
    const windowStart = target - reach - config.baseline_intervals + 1;
    const ids = markets.map((m) => m.id);
    await history.ensure(stores.scores, ids, windowStart);
    history.retain(ids, windowStart);
    const plans = markets.map((market): Plan => {
      const last = history.last(market.id);
      const oldest = target - reach + 1;
      const from = last === undefined ? oldest : Math.min(target, Math.max(oldest, last + 1));
      return { market, queries: this.deps.x ? marketQueries(market, config.queries) : [], from };
    });

    const x = await timer.time('x', () => this.fetchX(plans, target, signal, tally, counters, timer));
    signal.throwIfAborted();
    const feedsAnswered = news.feedsOk > 0;
    const rows: HypeScoreRecord[] = [];
    const newsByMarket = await timer.time('score', () => this.newsByMarket(plans, news.items));
    const scoreStart = timer.elapsedMs();
    for (const plan of plans) {
      const id = plan.market.id;
      const mx = x?.get(id);
      if ((x && !mx) || (!x && !feedsAnswered)) {
        counters.skipped++;
        continue;
      }
      const inputs = new Map<number, IntervalInput>();
      const nm = newsByMarket.get(id);
      for (let k = plan.from; k <= target; k++) {
        const posts = mx ? mx.counts.counts.get(k) : 0;
        if (posts === undefined) continue;
        const n = nm?.get(k);
        let sum = n?.sum ?? 0;
        let texts = n?.n ?? 0;
        if (k === target && mx?.posts) {
          sum += mx.posts.compoundSum;
          texts += mx.posts.posts;
        }
        inputs.set(k, { mentions: posts + (n?.n ?? 0), sentiment: texts ? sum / texts : 0 });
      }
      const scored = scoreIntervals(history.of(id), inputs, config.baseline_intervals);
      for (const [k, c] of scored) rows.push({ marketId: id, intervalStart: new Date(intervalStartMs(k, minutes)).toISOString(), ...c });
      if (scored.has(target)) counters.scored++;
      else counters.skipped++;
    }
    timer.record('score', timer.elapsedMs() - scoreStart);
    signal.throwIfAborted();

    await timer.time('persist', async () => {
      await stores.news.save(news.items);
      counters.rows = await stores.scores.save(rows);
    });
    for (const r of rows) history.record(r.marketId, intervalIndex(Date.parse(r.intervalStart), minutes), r.mentions);
    signal.throwIfAborted();

    await timer.time('publish', () => this.publish(news.items, rows.filter((r) => intervalIndex(Date.parse(r.intervalStart), minutes) === target), signal, tally, counters));
    if (markets.length > 0 && counters.scored === 0) return 'failed';
    return tally.total === 0 && counters.skipped === 0 ? 'completed' : 'partial';
  }

  /** Intervals a market may be scored over in one cycle: the backfill (≥ 1), within X's 7 days. */
  private reach(): number {
    const span = intervalMs(this.deps.config.interval_minutes);
    return Math.max(1, Math.min(this.deps.config.backfill_intervals, Math.floor(X_HISTORY_MS / span) - 1));
  }

  /** Per market: mention counts over its range, posts of the target for sentiment. Null without X. */
  private async fetchX(plans: readonly Plan[], target: number, signal: AbortSignal, tally: ErrorTally, counters: Counters, timer: StageTimer): Promise<Map<string, MarketX> | null> {
    const { x, config, logger } = this.deps;
    if (!x) return null;
    const minutes = config.interval_minutes;
    // the markets furthest behind first: when X's window runs out, they are the ones already served
    const order = plans.filter((p) => p.queries.length > 0).sort((a, b) => a.from - b.from || a.market.id.localeCompare(b.market.id));
    for (const p of plans) {
      if (p.queries.length === 0) this.warnOnce(`noquery:${p.market.id}`, `market ${p.market.id}: no X query can be built from its question; set hype.queries for it`);
    }
    const results = await mapLimit(order, config.concurrency, async (p): Promise<MarketX> => {
      const id = p.market.id;
      const counts = await fetchCounts(x.counts, p.queries, minutes, p.from, target, signal, logger, id);
      let posts: MarketPosts | null = null;
      try {
        posts = await fetchPosts(x.search, p.queries, minutes, target, config.search_max_results, signal, logger, id, (fn) => timer.timeSync('sentiment', fn));
      } catch (err) {
        if (signal.aborted) throw err;
        tally.add(x.search.api, err);
        this.warnFailure(x.search.api, err);
      }
      return { counts, posts };
    }, signal);
    signal.throwIfAborted();
    const out = new Map<string, MarketX>();
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') {
        out.set(order[i].market.id, r.value);
        counters.rejected += r.value.counts.rejected + (r.value.posts?.rejected ?? 0);
        counters.posts += r.value.posts?.posts ?? 0;
      } else {
        tally.add(x.counts.api, r.reason);
        this.warnFailure(x.counts.api, r.reason);
      }
    });
    return out;
  }

  /** News mentions and sentiment per market and interval: stored items of the range plus this cycle's. */
  private async newsByMarket(plans: readonly Plan[], fresh: readonly NewsItemRecord[]): Promise<Map<string, Map<number, { n: number; sum: number }>>> {
    const out = new Map<string, Map<number, { n: number; sum: number }>>();
    if (this.deps.config.rss_feeds.length === 0 || plans.length === 0) return out;
    const minutes = this.deps.config.interval_minutes;
    const from = Math.min(...plans.map((p) => p.from));
    const stored = await this.deps.stores.news.since(new Date(intervalStartMs(from, minutes)).toISOString());
    for (const item of [...stored, ...fresh]) {
      if (item.marketIds.length === 0) continue;
      const k = intervalIndex(newsTime(item), minutes);
      for (const id of item.marketIds) {
        let byK = out.get(id);
        if (!byK) out.set(id, (byK = new Map()));
        const cell = byK.get(k) ?? { n: 0, sum: 0 };
        cell.n++;
        cell.sum += item.sentiment;
        byK.set(k, cell);
      }
    }
    return out;
  }

  private async publish(news: readonly NewsItemRecord[], rows: readonly HypeScoreRecord[], signal: AbortSignal, tally: ErrorTally, counters: Counters): Promise<void> {
    const { publisher, source } = this.deps;
    if (!publisher) return;
    const events: [string, object][] = [
      ...news.filter((n) => n.marketIds.length > 0).map((n): [string, NewsItemEvent] => [Subjects.NewsItem, {
        ...envelope(source), guid: n.guid, title: n.title, link: n.link, feed: n.feed, ...(n.publishedAt ? { publishedAt: n.publishedAt } : {}),
        marketIds: n.marketIds, sentiment: n.sentiment,
      }]),
      ...rows.map((r): [string, HypeScoreEvent] => [Subjects.HypeScore, {
        ...envelope(source), marketId: r.marketId, intervalStart: r.intervalStart, mentions: r.mentions, mentionsZ: r.mentionsZ,
        velocity: r.velocity, sentiment: r.sentiment, hypeScore: r.hypeScore,
      }]),
    ];
    const results = await mapLimit(events, PUBLISH_CONCURRENCY, ([subject, event]) => publisher.publish(subject, event), signal);
    signal.throwIfAborted();
    for (const r of results) {
      if (r.status === 'fulfilled') counters.published++;
      else tally.add('bus', r.reason);
    }
  }

  /** One warning per API and kind of failure per cycle; the rest go to debug (a spent X window fails hundreds of calls). */
  private warnFailure(api: string, err: unknown): void {
    const kind = err instanceof ApiCallError ? err.kind : 'invalid_response';
    let msg = String((err as Error)?.message ?? err);
    if (err instanceof HttpStatusError) {
      const problem = parseXProblem(err.body);
      if (problem) msg = `HTTP ${err.status} ${xProblemText(problem)}`;
    }
    const key = `${api}:${kind}`;
    if (this.warned.has(key)) this.deps.logger.debug({ metrics: { api, kind } }, `${api} call failed: ${msg}`);
    else {
      this.warned.add(key);
      this.deps.logger.warn({ metrics: { api, kind } }, `${api} call failed (${kind}): ${msg}; further ${kind} failures this cycle are logged at debug`);
    }
  }

  private warnOnce(key: string, msg: string): void {
    if (this.warnedOnce.has(key)) return;
    this.warnedOnce.add(key);
    this.deps.logger.warn(msg);
  }

  private logReport(r: HypeCycleReport): void {
    this.warned.clear();
    const { breakers: _b, errors, ...fields } = r;
    this.deps.logger.info({ metrics: { ...fields, errors: errors.reduce((s, e) => s + e.count, 0) } },
      `hype cycle ${r.outcome} (${r.mode}): ${r.scored}/${r.markets} markets scored for ${r.intervalStart}, ${r.news.fresh} new news items in ${Math.round(r.durationMs)} ms`);
  }
}

/** When a news item happened: its publication time, unless missing or later than when we saw it. */
export function newsTime(item: Pick<NewsItemRecord, 'publishedAt' | 'fetchedAt'>): number {
  const fetched = Date.parse(item.fetchedAt);
  const published = item.publishedAt ? Date.parse(item.publishedAt) : NaN;
  return Number.isFinite(published) && published <= fetched ? published : fetched;
}
