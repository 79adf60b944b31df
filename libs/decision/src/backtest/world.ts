import type {
  BookSummaryRecord, HypeScoreQuery, HypeScoreRecord, MarketAnalysisRecord, MarketRecord, PricePointRecord, SnapshotRecord,
} from '@polytrader/persistence';
import type { MarketData, MarketView } from '../risk/market-view';
import { type Observations, observedMs } from './observations';

/** One kind of fact, sorted by observation time, revealed up to the replayed clock. */
class Reveal<T> {
  private readonly items: T[];
  private next = 0;
  constructor(items: readonly T[], private readonly at: (t: T) => number) {
    this.items = [...items].sort((a, b) => at(a) - at(b));
  }
  /** Hands every fact observed at or before `nowMs` not yet handed out to `take`. */
  upTo(nowMs: number, take: (t: T) => void): void {
    while (this.next < this.items.length && this.at(this.items[this.next]) <= nowMs) take(this.items[this.next++]);
  }
}

const byId = <T extends { marketId: string }>(a: T, b: T) => (a.marketId < b.marketId ? -1 : a.marketId > b.marketId ? 1 : 0);

/**
 * What the system knew at the replayed time, answering the same reads the services make of the database
 * (the SignalStores and MarketData ports), with the same orderings. A fact appears only once the clock has
 * passed its observation time, so no read can see the future: the look-ahead property test changes
 * everything observed after t and checks the decisions up to t stay the same.
 */
export class PointInTimeWorld implements MarketData {
  private readonly revealMarkets; private readonly revealSnapshots; private readonly revealBooks;
  private readonly revealPrices; private readonly revealHype; private readonly revealAnalyses;
  private readonly marketsById = new Map<string, MarketRecord>();
  private readonly snapshotsOf = new Map<string, SnapshotRecord[]>();
  private readonly booksOf = new Map<string, Map<string, BookSummaryRecord>>();
  private readonly pricesOf = new Map<string, Map<number, PricePointRecord>>();
  private readonly hypeOf = new Map<string, Map<string, HypeScoreRecord>>();
  private readonly analysisOf = new Map<string, MarketAnalysisRecord>();
  private clockMs = Number.NEGATIVE_INFINITY;

  constructor(obs: Observations) {
    this.revealMarkets = new Reveal(obs.markets, observedMs.market);
    this.revealSnapshots = new Reveal(obs.snapshots, observedMs.snapshot);
    this.revealBooks = new Reveal(obs.books, observedMs.book);
    this.revealPrices = new Reveal(obs.prices, observedMs.price);
    this.revealHype = new Reveal(obs.hype, observedMs.hype);
    this.revealAnalyses = new Reveal(obs.analyses, observedMs.analysis);
  }

  get nowMs(): number {
    return this.clockMs;
  }

  /** Moves the clock forward (never back) and reveals what was observed by then. */
  advance(nowMs: number): void {
    if (nowMs < this.clockMs) throw new Error(`the replayed clock cannot go back: ${new Date(nowMs).toISOString()} < ${new Date(this.clockMs).toISOString()}`);
    this.clockMs = nowMs;
    this.revealMarkets.upTo(nowMs, (v) => this.marketsById.set(v.marketId, {
      id: v.marketId, conditionId: '', slug: v.marketId, question: v.question, category: v.category, tags: v.tags, endDate: v.endDate, active: v.active,
      closed: v.closed, outcomes: v.outcomes, tokenIds: v.tokenIds, updatedAt: v.observedAt,
    }));
    this.revealSnapshots.upTo(nowMs, (s) => insertSnapshot(this.snapshotsOf, s));
    this.revealBooks.upTo(nowMs, (b) => {
      const books = this.booksOf.get(b.marketId);
      const newest = books && [...books.values()][0];
      // a market's books are those of its newest cycle (latestBooks): a newer cycle replaces them all
      if (!books || (newest && b.ts > newest.ts)) this.booksOf.set(b.marketId, new Map([[b.tokenId, b]]));
      else if (!newest || b.ts === newest.ts) books.set(b.tokenId, b);
    });
    this.revealPrices.upTo(nowMs, (p) => {
      let points = this.pricesOf.get(p.tokenId);
      if (!points) this.pricesOf.set(p.tokenId, (points = new Map()));
      if (!points.has(p.t)) points.set(p.t, { tokenId: p.tokenId, marketId: p.marketId, t: p.t, price: p.price });
    });
    this.revealHype.upTo(nowMs, (h) => {
      let intervals = this.hypeOf.get(h.marketId);
      if (!intervals) this.hypeOf.set(h.marketId, (intervals = new Map()));
      const { observedAt: _observed, ...score } = h;
      intervals.set(h.intervalStart, score);
    });
    this.revealAnalyses.upTo(nowMs, (a) => {
      const known = this.analysisOf.get(a.marketId);
      if (!known || a.ts >= known.ts) this.analysisOf.set(a.marketId, a);
    });
  }

  // --- the MarketStore reads (SignalStores.markets) ---

  async markets(ids?: readonly string[]): Promise<MarketRecord[]> {
    const all = ids ? ids.map((id) => this.marketsById.get(id)).filter((m): m is MarketRecord => m !== undefined) : [...this.marketsById.values()];
    return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Per market: its newest `limit` snapshots, newest first, markets in id order. */
  async latestSnapshots(limitPerMarket: number, marketIds?: readonly string[]): Promise<SnapshotRecord[]> {
    const out: SnapshotRecord[] = [];
    for (const m of await this.markets(marketIds)) {
      const snaps = this.snapshotsOf.get(m.id) ?? [];
      const n = Math.max(0, Math.floor(limitPerMarket));
      for (let i = snaps.length - 1; i >= 0 && i >= snaps.length - n; i--) out.push(snaps[i]);
    }
    return out;
  }

  /** Per market: the books of its newest cycle, by market then token. */
  async latestBooks(marketIds?: readonly string[]): Promise<BookSummaryRecord[]> {
    const out: BookSummaryRecord[] = [];
    for (const m of await this.markets(marketIds)) {
      out.push(...[...(this.booksOf.get(m.id)?.values() ?? [])].sort((a, b) => (a.tokenId < b.tokenId ? -1 : 1)));
    }
    return out;
  }

  async priceHistory(tokenId: string, fromT: number, toT: number): Promise<PricePointRecord[]> {
    const lo = Math.ceil(fromT);
    const hi = Math.floor(toT);
    return [...(this.pricesOf.get(tokenId)?.values() ?? [])].filter((p) => p.t >= lo && p.t <= hi).sort((a, b) => a.t - b.t);
  }

  // --- HypeScoreStore.between, AnalysisStore.latestByMarket ---

  async between(q: HypeScoreQuery): Promise<HypeScoreRecord[]> {
    const ids = q.marketIds ? [...new Set(q.marketIds)].sort() : [...this.hypeOf.keys()].sort();
    const from = new Date(q.from).toISOString();
    const to = q.to === undefined ? null : new Date(q.to).toISOString();
    const out: HypeScoreRecord[] = [];
    for (const id of ids) {
      const rows = [...(this.hypeOf.get(id)?.values() ?? [])].filter((h) => h.intervalStart >= from && (to === null || h.intervalStart < to));
      out.push(...rows.sort((a, b) => (a.intervalStart < b.intervalStart ? -1 : 1)));
    }
    return out;
  }

  async latestByMarket(marketIds?: readonly string[]): Promise<Map<string, MarketAnalysisRecord>> {
    const ids = marketIds ?? [...this.analysisOf.keys()];
    return new Map(ids.flatMap((id) => (this.analysisOf.has(id) ? [[id, this.analysisOf.get(id)!] as const] : [])));
  }

  // --- MarketData (risk) ---

  async view(marketId: string): Promise<MarketView> {
    const [snapshot] = await this.latestSnapshots(1, [marketId]);
    return { market: this.marketsById.get(marketId) ?? null, snapshot: snapshot ?? null, books: new Map(this.booksOf.get(marketId) ?? []) };
  }

  invalidate(): void {}

  /** The market as known now. */
  marketOf(id: string): MarketRecord | undefined {
    return this.marketsById.get(id);
  }

  /** The newest snapshot of every market, for the end-of-run marks and the Brier outcomes. */
  newestSnapshots(): SnapshotRecord[] {
    return [...this.snapshotsOf.values()].map((s) => s[s.length - 1]).sort(byId);
  }
}

/**
 * Keeps each market's snapshots ascending by (ts, cycle id), the order latestSnapshots reads backwards: they are
 * revealed in ts order, so this is an append but for ties, and no read sorts the history again.
 */
function insertSnapshot(map: Map<string, SnapshotRecord[]>, s: SnapshotRecord): void {
  const list = map.get(s.marketId);
  if (!list) {
    map.set(s.marketId, [s]);
    return;
  }
  let i = list.length;
  while (i > 0 && (list[i - 1].ts > s.ts || (list[i - 1].ts === s.ts && list[i - 1].cycleId > s.cycleId))) i--;
  list.splice(i, 0, s);
}
