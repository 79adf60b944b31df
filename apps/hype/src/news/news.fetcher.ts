import { ApiClient, mapLimit, ErrorTally } from '@polytrader/platform';
import type { NewsItemRecord } from '@polytrader/persistence';
import { scoreSentiment } from '@polytrader/quant';
import type { Logger } from 'pino';
import { NewsMatcher } from './news-matcher';
import { FeedParseError, ParsedNewsItem, parseFeed } from './rss.parser';

const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

export interface NewsFetchDeps {
  readonly feeds: readonly string[];
  readonly clientFor: (feedUrl: string) => ApiClient;
  readonly matcher: NewsMatcher;
  /** of these keys, the ones stored by an earlier cycle */
  readonly known: (keys: readonly string[]) => Promise<Set<string>>;
  readonly concurrency: number;
  readonly logger: Logger;
  /** times the sentiment scoring (the profiler's hype.sentiment stage); default: untimed */
  readonly timeSentiment?: <T>(fn: () => T) => T;
}

export interface FreshNews {
  /** items no earlier cycle stored, scored and matched (marketIds may be empty) */
  readonly items: NewsItemRecord[];
  /** feeds fetched and parsed / failed */
  readonly feedsOk: number;
  readonly feedsFailed: number;
  /** items in the feeds this cycle, before deduplication */
  readonly seen: number;
  readonly rejected: number;
}

/**
 * Every configured feed (bounded concurrency, through one ApiClient per feed host), parsed,
 * deduplicated by guid/id/link within the cycle and against the store, matched to markets and
 * scored with VADER. A feed that fails is counted and the others go on.
 */
export async function fetchNews(deps: NewsFetchDeps, fetchedAt: string, signal: AbortSignal, tally: ErrorTally): Promise<FreshNews> {
  const { feeds, logger } = deps;
  const results = await mapLimit(feeds, deps.concurrency, async (feed) => {
    const client = deps.clientFor(feed);
    const res = await client.getText(feed, undefined, signal, ACCEPT);
    return { feed, api: client.api, parsed: await parseFeed(res.data) };
  }, signal);
  signal.throwIfAborted();
  const byKey = new Map<string, { feed: string; item: ParsedNewsItem }>();
  let seen = 0;
  let rejected = 0;
  let feedsOk = 0;
  results.forEach((r, i) => {
    if (r.status === 'rejected') {
      const feed = feeds[i];
      tally.add(deps.clientFor(feed).api, r.reason);
      const why = r.reason instanceof FeedParseError ? r.reason.message : String((r.reason as Error)?.message ?? r.reason);
      logger.warn({ metrics: { feed } }, `news feed failed: ${why}`);
      return;
    }
    feedsOk++;
    const { feed, parsed } = r.value;
    seen += parsed.items.length + parsed.rejected.length;
    rejected += parsed.rejected.length;
    for (const reason of parsed.rejected) logger.warn({ metrics: { feed } }, `news item rejected: ${reason}`);
    for (const item of parsed.items) if (!byKey.has(item.key)) byKey.set(item.key, { feed, item });
  });
  const known = byKey.size ? await deps.known([...byKey.keys()]) : new Set<string>();
  const items: NewsItemRecord[] = [];
  for (const [key, { feed, item }] of byKey) {
    if (known.has(key)) continue;
    const text = item.summary ? `${item.title}. ${item.summary}` : item.title;
    items.push({
      guid: key, title: item.title, link: item.link, feed, publishedAt: item.publishedAt, fetchedAt,
      marketIds: deps.matcher.match(item.title, item.summary, item.categories.join(' ')), sentiment: (deps.timeSentiment ?? untimed)(() => scoreSentiment(text)).compound,
    });
  }
  return { items, feedsOk, feedsFailed: feeds.length - feedsOk, seen, rejected };
}

const untimed = <T>(fn: () => T): T => fn();
