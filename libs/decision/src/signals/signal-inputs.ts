import type { BookSummaryRecord, MarketAnalysisRecord, MarketRecord, PositionRecord, SnapshotRecord } from '@polytrader/persistence';
import {
  AnalysisSummary, BookTop, CalendarEvent, GridPoint, HeldExposure, MarketSignalInput, SignalRuleSettings, eligibility, sectorOf,
} from '@polytrader/quant';
import type { SignalStores } from './ports';

/** Everything one pass needs, read from the database (docs/signals.md, "Inputs"). */
export interface PassInputs {
  /** active, open markets */
  readonly markets: readonly MarketRecord[];
  /** the markets the analysis makes eligible, with their rule inputs */
  readonly candidates: readonly MarketSignalInput[];
  /** per market id: why it is not eligible */
  readonly ineligible: ReadonlyMap<string, string>;
  readonly equity: number;
  readonly held: readonly HeldExposure[];
  readonly sectors: ReadonlyMap<string, string>;
}

/** Snapshots read per market beyond the ROC window (a missed cycle, the RVR pair). */
const EXTRA_POINTS = 3;

export function toAnalysisSummary(a: MarketAnalysisRecord | undefined): AnalysisSummary | null {
  return a ? { atMs: Date.parse(a.ts), pAdj: a.hypeToPriceP, lag: a.hypeToPriceLag, pearson: a.pearson } : null;
}

/**
 * Reads the pass inputs. Eligibility (the analysis) is decided first, so snapshots, hype, books and price
 * history are read only for markets that can signal at all.
 */
export async function loadPassInputs(
  stores: SignalStores, s: SignalRuleSettings, events: readonly CalendarEvent[], nowMs: number, initialEquity: number,
): Promise<PassInputs> {
  const markets = (await stores.markets.markets()).filter((m) => m.active && !m.closed);
  const sectors = new Map(markets.map((m) => [m.id, sectorOf(m.category, m.tags)]));
  const analyses = await stores.analysis.latestByMarket(markets.map((m) => m.id));
  const ineligible = new Map<string, string>();
  const eligible: MarketRecord[] = [];
  for (const m of markets) {
    const reason = eligibility(toAnalysisSummary(analyses.get(m.id)), s, nowMs);
    if (reason) ineligible.set(m.id, reason);
    else eligible.push(m);
  }
  const positions = await stores.portfolio.openPositions();
  const equity = await currentEquity(stores, nowMs, initialEquity);
  const held = positions.map((p) => ({ marketId: p.marketId, sector: sectors.get(p.marketId) ?? (p.sector ?? 'other').toLowerCase(), cost: p.cost }));
  if (eligible.length === 0) return { markets, candidates: [], ineligible, equity, held, sectors };

  const ids = eligible.map((m) => m.id);
  const intervalMs = s.intervalMinutes * 60_000;
  const depth = s.rocWindow + EXTRA_POINTS;
  const [snapshots, hype, books, lastSignals] = await Promise.all([
    stores.markets.latestSnapshots(depth, ids),
    stores.hype.between({ marketIds: ids, from: new Date((Math.floor(nowMs / intervalMs) - depth - 2) * intervalMs).toISOString() }),
    stores.markets.latestBooks(ids),
    stores.signals.lastSignalTimes(ids),
  ]);
  const snapshotsBy = groupBy(snapshots, (r) => r.marketId);
  const hypeBy = groupBy(hype, (r) => r.marketId);
  const booksBy = groupBy(books, (r) => r.marketId);
  const positionsBy = groupBy(positions, (p) => p.marketId);

  const candidates: MarketSignalInput[] = [];
  for (const m of eligible) {
    const snaps = snapshotsBy.get(m.id) ?? [];
    candidates.push({
      market: {
        id: m.id, category: m.category, tags: m.tags, endDateMs: m.endDate ? Date.parse(m.endDate) : null, outcomes: m.outcomes, tokenIds: m.tokenIds,
      },
      yesPrices: await yesPrices(stores, m, snaps, s, intervalMs, nowMs),
      volume24h: onGrid(snaps.filter((x) => x.volume24h !== null).map((x) => ({ t: Date.parse(x.ts), value: x.volume24h! })), intervalMs),
      hype: onGrid((hypeBy.get(m.id) ?? []).map((h) => ({ t: Date.parse(h.intervalStart), value: h.hypeScore })), intervalMs),
      analysis: toAnalysisSummary(analyses.get(m.id)),
      books: bookMap(booksBy.get(m.id) ?? []),
      lastSignalMs: lastSignals.has(m.id) ? Date.parse(lastSignals.get(m.id)!) : null,
      held: (positionsBy.get(m.id) ?? []).filter((p: PositionRecord) => p.side === 'BUY').map((p) => ({ tokenId: p.tokenId, size: p.size })),
      events,
    });
  }
  return { markets, candidates, ineligible, equity, held, sectors };
}

/** Equity from the portfolio (initial equity + realized + unrealized PnL); `initialEquity` when it has nothing usable. */
export async function currentEquity(stores: SignalStores, nowMs: number, initialEquity: number): Promise<number> {
  const { equity } = await stores.portfolio.pnlSummary(new Date(nowMs).toISOString());
  return Number.isFinite(equity) && equity > 0 ? equity : initialEquity;
}

/**
 * The Yes price per interval: the snapshots of the collector's cycles, completed by the CLOB price history
 * (stored for every market the first time it is seen) where the snapshots do not reach back a full window.
 */
async function yesPrices(
  stores: SignalStores, m: MarketRecord, snaps: readonly SnapshotRecord[], s: SignalRuleSettings, intervalMs: number, nowMs: number,
): Promise<GridPoint[]> {
  const points = snaps.filter((x) => Number.isFinite(x.outcomePrices[0])).map((x) => ({ t: Date.parse(x.ts), value: x.outcomePrices[0] }));
  const fromSnapshots = onGrid(points, intervalMs);
  const newest = fromSnapshots.at(-1)?.k;
  const covered = newest !== undefined && fromSnapshots.some((p) => p.k <= newest - s.rocWindow);
  if (covered || m.tokenIds.length === 0) return fromSnapshots;
  const toMs = newest === undefined ? nowMs : (newest + 1) * intervalMs;
  const fromMs = toMs - (2 * s.rocWindow + 2) * intervalMs;
  const history = await stores.markets.priceHistory(m.tokenIds[0], Math.floor(fromMs / 1000), Math.floor(toMs / 1000));
  return onGrid([...history.map((p) => ({ t: p.t * 1000, value: p.price })), ...points], intervalMs);
}

/** Points on the grid, ascending by interval; of several in one interval the last given wins. */
export function onGrid(points: readonly { t: number; value: number }[], intervalMs: number): GridPoint[] {
  const byK = new Map<number, number>();
  for (const p of [...points].sort((a, b) => a.t - b.t)) if (Number.isFinite(p.t) && Number.isFinite(p.value)) byK.set(Math.floor(p.t / intervalMs), p.value);
  return [...byK].sort((a, b) => a[0] - b[0]).map(([k, value]) => ({ k, value }));
}

function bookMap(books: readonly BookSummaryRecord[]): Map<string, BookTop> {
  return new Map(books.map((b) => [b.tokenId, { bestBid: b.bestBid, bestAsk: b.bestAsk, asks: b.asks, bids: b.bids }]));
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
