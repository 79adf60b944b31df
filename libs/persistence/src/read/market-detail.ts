import type { DataSource } from 'typeorm';
import type { BookSummaryRecord, MarketRecord, PricePointRecord, QualityIssueRecord, SnapshotRecord } from '../records';
import { AnalysisStore, type MarketAnalysisRecord, type MicrostructureRecord } from '../stores/analysis.store';
import { HypeScoreStore, type HypeScoreRecord } from '../stores/hype-score.store';
import { MarketStore } from '../stores/market.store';
import { NewsItemStore, type NewsItemRecord } from '../stores/news-item.store';
import { QualityIssueStore } from '../stores/quality-issue.store';
import { marketCalendarStatus, type MarketCalendarSettings, type MarketCalendarStatus } from './market-calendar';

export const MAX_DETAIL_RANGE_DAYS = 90;
export const DETAIL_NEWS_LIMIT = 50;

export interface MarketDetailRange {
  /** ISO; default `to` − 7 days */
  from?: string;
  /** ISO; default now */
  to?: string;
}

export interface MarketDetail {
  market: MarketRecord;
  range: { from: string; to: string };
  latestSnapshot: SnapshotRecord | null;
  /** the latest book of each outcome token, top levels included */
  books: BookSummaryRecord[];
  /** per outcome token, in `market.tokenIds` order */
  prices: { tokenId: string; points: PricePointRecord[] }[];
  hype: HypeScoreRecord[];
  /** newest first, at most DETAIL_NEWS_LIMIT */
  news: NewsItemRecord[];
  analysis: MarketAnalysisRecord | null;
  microstructure: MicrostructureRecord[];
  qualityIssues: QualityIssueRecord[];
  /** entry status now under the calendar rule and what comes next; null when the caller gave no calendar settings (optional: older readers build details without it) */
  calendar?: MarketCalendarStatus | null;
}

/** Everything the dashboard shows for one market over [from, to]; null for an unknown id. */
export async function marketDetail(
  ds: DataSource, id: string, range: MarketDetailRange, nowMs: number, calendar?: MarketCalendarSettings,
): Promise<MarketDetail | null> {
  const markets = new MarketStore(ds);
  const [market] = await markets.markets([id]);
  if (!market) return null;
  const to = range.to ?? new Date(nowMs).toISOString();
  const from = range.from ?? new Date(Date.parse(to) - 7 * 86_400_000).toISOString();
  const [fromT, toT] = [Date.parse(from) / 1000, Date.parse(to) / 1000];
  const analysis = new AnalysisStore(ds);
  const [snapshots, books, prices, hype, news, latest, micro, qualityIssues] = [
    await markets.latestSnapshots(1, [id]),
    await markets.latestBooks([id]),
    await Promise.all(market.tokenIds.map(async (tokenId) => ({ tokenId, points: await markets.priceHistory(tokenId, fromT, toT) }))),
    await new HypeScoreStore(ds).between({ marketIds: [id], from, to }),
    await new NewsItemStore(ds).since(from),
    await analysis.latestByMarket([id]),
    await analysis.latestMicrostructure([id]),
    await new QualityIssueStore(ds).list({ marketId: id, since: from, limit: 200 }),
  ];
  const seenAt = (n: NewsItemRecord) => n.publishedAt ?? n.fetchedAt;
  return {
    market, range: { from, to }, latestSnapshot: snapshots[0] ?? null, books, prices, hype,
    news: news.filter((n) => n.marketIds.includes(id) && seenAt(n) <= to).sort((a, b) => seenAt(b).localeCompare(seenAt(a))).slice(0, DETAIL_NEWS_LIMIT),
    analysis: latest.get(id) ?? null, microstructure: micro.get(id) ?? [], qualityIssues,
    calendar: calendar ? marketCalendarStatus(market, calendar, nowMs) : null,
  };
}
