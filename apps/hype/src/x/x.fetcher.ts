import { ApiClient } from '@polytrader/platform';
import { scoreSentiment } from '@polytrader/quant';
import type { Logger } from 'pino';
import { searchQuery } from '../queries/market-queries';
import { bucketIntoGrid, granularityFor, xTime } from './bucket-counts';
import { parseCounts } from './x-counts.parser';
import { parseSearch } from './x-search.parser';

/** The X API v2 endpoints, one client (token bucket honouring X's windows + breaker) each. */
export interface XClients {
  readonly counts: ApiClient;
  readonly search: ApiClient;
}

/** An X answer we cannot use as a whole (not the documented shape). Counted as invalid_response. */
export class InvalidXAnswerError extends Error {
  override readonly name = 'InvalidXAnswerError';
}

const MAX_COUNT_PAGES = 10;

export interface MarketCounts {
  /** interval index → posts, for the intervals every query's buckets covered completely */
  readonly counts: Map<number, number>;
  readonly rejected: number;
}

/**
 * Mention counts of one market for intervals fromIndex…toIndex: GET /2/tweets/counts/recent per
 * query (following next_token), bucketed into the grid, summed over the market's queries.
 */
export async function fetchCounts(
  client: ApiClient, queries: readonly string[], minutes: number, fromIndex: number, toIndex: number,
  signal: AbortSignal, logger: Logger, marketId: string,
): Promise<MarketCounts> {
  let total: Map<number, number> | null = null;
  let rejected = 0;
  for (const query of queries) {
    const buckets = [];
    let nextToken: string | null = null;
    for (let page = 0; page < MAX_COUNT_PAGES; page++) {
      const res = await client.getJson('/2/tweets/counts/recent', {
        query, granularity: granularityFor(minutes), start_time: xTime(fromIndex, minutes), end_time: xTime(toIndex + 1, minutes),
        ...(nextToken ? { next_token: nextToken } : {}),
      }, signal);
      const parsed = parseCounts(res.data);
      if (!parsed.ok) throw new InvalidXAnswerError(`counts for market ${marketId}: ${parsed.reason}`);
      buckets.push(...parsed.value.buckets);
      if (parsed.value.rejected.length) {
        rejected += parsed.value.rejected.length;
        logger.warn({ metrics: { api: 'x.counts', marketId, rejected: parsed.value.rejected.length } },
          `${parsed.value.rejected.length} count bucket(s) rejected for market ${marketId}: ${parsed.value.rejected[0]}`);
      }
      nextToken = parsed.value.nextToken;
      if (!nextToken) break;
    }
    const grid = bucketIntoGrid(buckets, minutes, fromIndex, toIndex);
    if (total === null) total = grid.counts;
    else {
      const both = new Map<number, number>();
      for (const [k, n] of grid.counts) if (total.has(k)) both.set(k, total.get(k)! + n);
      total = both;
    }
  }
  return { counts: total ?? new Map(), rejected };
}

export interface MarketPosts {
  /** sum and number of the VADER compounds of the posts fetched */
  readonly compoundSum: number;
  readonly posts: number;
  readonly rejected: number;
}

/**
 * Posts of one market in interval `index` for sentiment: GET /2/tweets/search/recent per query
 * (English, no retweets, newest first, one page of `maxResults`), scored with VADER as they arrive.
 */
export async function fetchPosts(
  client: ApiClient, queries: readonly string[], minutes: number, index: number, maxResults: number,
  signal: AbortSignal, logger: Logger, marketId: string,
  /** times the sentiment scoring (the profiler's hype.sentiment stage) */
  timeSentiment: <T>(fn: () => T) => T = (fn) => fn(),
): Promise<MarketPosts> {
  let compoundSum = 0;
  let posts = 0;
  let rejected = 0;
  for (const query of queries) {
    const res = await client.getJson('/2/tweets/search/recent', {
      query: searchQuery(query), max_results: maxResults, start_time: xTime(index, minutes), end_time: xTime(index + 1, minutes),
    }, signal);
    const parsed = parseSearch(res.data);
    if (!parsed.ok) throw new InvalidXAnswerError(`search for market ${marketId}: ${parsed.reason}`);
    if (parsed.value.rejected.length) {
      rejected += parsed.value.rejected.length;
      logger.warn({ metrics: { api: 'x.search', marketId, rejected: parsed.value.rejected.length } },
        `${parsed.value.rejected.length} post(s) rejected for market ${marketId}: ${parsed.value.rejected[0]}`);
    }
    for (const t of parsed.value.tweets) {
      compoundSum += timeSentiment(() => scoreSentiment(t.text)).compound;
      posts++;
    }
  }
  return { compoundSum, posts, rejected };
}
