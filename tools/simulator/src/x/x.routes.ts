import { xProblem } from '../http/errors';
import { json, RouteDef, SimRequest, SimResponse } from '../http/types';
import { World } from '../world';
import { countBuckets } from './counts';
import { QueryMatcher } from './query-match';
import { XRateLimits } from './rate-limit';
import { decodeToken, searchTweets, tweetJson } from './search';
import { invalidRequest, timeRange, XParamError } from './x-errors';

/**
 * X API v2 under /x/2/…: bearer auth (any non-empty token; 401 otherwise), per-route 15-minute
 * rate limits with x-rate-limit-* headers on every answer, 429 with the recorded body when spent.
 * MISSING_FIELDS: counts buckets at even positions lose `tweet_count` and meta loses
 * `total_tweet_count`; search tweets at even positions lose `text`.
 */
export function xRoutes(world: World, limits: XRateLimits): RouteDef[] {
  const matcher = new QueryMatcher(world);

  const gate = (req: SimRequest, route: string, now: number, run: (headers: Record<string, string>) => SimResponse): SimResponse => {
    if (!/^Bearer\s+\S+/i.test(String(req.headers.authorization ?? ''))) return xProblem(401, 'Unauthorized');
    const rate = limits.take(route, now);
    if (!rate.allowed) return { ...xProblem(429, 'Too Many Requests'), headers: rate.headers };
    try {
      const out = run(rate.headers);
      return { ...out, headers: { ...rate.headers, ...(out.headers ?? {}) } };
    } catch (err) {
      if (err instanceof XParamError) return { ...invalidRequest(err.param, err.value, err.message), headers: rate.headers };
      throw err;
    }
  };

  const query = (req: SimRequest): string => {
    const q = req.query.get('query');
    if (!q || !q.trim()) throw new XParamError('query', '', 'The `query` query parameter can not be empty');
    if (q.length > 512) throw new XParamError('query', q, 'The `query` query parameter value is longer than 512 characters');
    return q;
  };

  return [
    {
      api: 'x', method: 'GET', pattern: /^\/x\/2\/tweets\/counts\/recent$/, name: 'x.counts',
      handler: (req, ctx) => gate(req, 'x.counts', ctx.now, () => {
        const markets = matcher.match(query(req));
        const { start, end } = timeRange(req.query, ctx.now);
        const data = countBuckets(world, markets, req.query.get('granularity') ?? 'hour', start, end);
        const total = data.reduce((s, b) => s + (b.tweet_count ?? 0), 0);
        if (ctx.missingFields) return json(200, { data: data.map((b, i) => (i % 2 === 0 ? { end: b.end, start: b.start } : b)), meta: {} });
        return json(200, { data, meta: { total_tweet_count: total } });
      }),
    },
    {
      api: 'x', method: 'GET', pattern: /^\/x\/2\/tweets\/search\/recent$/, name: 'x.search',
      handler: (req, ctx) => gate(req, 'x.search', ctx.now, () => {
        const markets = matcher.match(query(req));
        const raw = req.query.get('max_results') ?? '10';
        const maxResults = Number(raw);
        if (!Number.isInteger(maxResults) || maxResults < 10 || maxResults > 100) {
          throw new XParamError('max_results', raw, `The \`max_results\` query parameter value [${raw}] is not between 10 and 100`);
        }
        const { start, end } = timeRange(req.query, ctx.now);
        const token = req.query.get('next_token') ?? req.query.get('pagination_token');
        const page = searchTweets(world, markets, start, end, maxResults, token ? decodeToken(token) : undefined);
        if (page.tweets.length === 0) return json(200, { meta: { result_count: 0 } });
        const fields = new Set((req.query.get('tweet.fields') ?? '').split(',').map((f) => f.trim()));
        const data = page.tweets.map((t, i) => {
          const tw = tweetJson(world, t, fields);
          if (ctx.missingFields && i % 2 === 0) delete tw.text;
          return tw;
        });
        const meta: Record<string, unknown> = {
          newest_id: page.tweets[0].id.toString(),
          oldest_id: page.tweets[page.tweets.length - 1].id.toString(),
          result_count: page.tweets.length,
        };
        if (page.nextToken) meta.next_token = page.nextToken;
        return json(200, { data, meta });
      }),
    },
  ];
}
