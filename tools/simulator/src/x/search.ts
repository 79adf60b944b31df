import { SimMarket, World } from '../world';
import { SimTweet, tweetsOf, tweetText } from './tweets';
import { XParamError } from './x-errors';

export interface SearchPage {
  readonly tweets: readonly SimTweet[];
  readonly nextToken?: string;
}

const TOKEN_PREFIX = 'b26v';

export function encodeToken(lastId: bigint): string {
  return TOKEN_PREFIX + lastId.toString(36);
}

export function decodeToken(token: string): bigint {
  if (!token.startsWith(TOKEN_PREFIX) || !/^[0-9a-z]+$/.test(token.slice(TOKEN_PREFIX.length))) {
    throw new XParamError('next_token', token, `The \`next_token\` query parameter value [${token}] is not valid`);
  }
  let v = 0n;
  for (const ch of token.slice(TOKEN_PREFIX.length)) v = v * 36n + BigInt(parseInt(ch, 36));
  return v;
}

/**
 * Newest first, `maxResults` per page; `next_token` is the last id handed out, so a page holds
 * the tweets older than it. Walks intervals backwards from the end of the range, so a page costs
 * only the intervals it needs.
 */
export function searchTweets(world: World, markets: readonly SimMarket[], start: number, end: number, maxResults: number, before?: bigint): SearchPage {
  const collected: SimTweet[] = [];
  if (markets.length === 0) return { tweets: [] };
  const first = Math.max(world.clock.indexAt(start), Math.min(...markets.map((m) => world.series(m).hypeStart)));
  for (let k = world.clock.indexAt(end - 1); k >= first && collected.length <= maxResults; k--) {
    const batch: SimTweet[] = [];
    for (const m of markets) batch.push(...tweetsOf(world, m, k, start, end));
    batch.sort((x, y) => (x.id < y.id ? 1 : x.id > y.id ? -1 : 0));
    for (const t of batch) if (before === undefined || t.id < before) collected.push(t);
  }
  const page = collected.slice(0, maxResults);
  return { tweets: page, nextToken: collected.length > maxResults ? encodeToken(page[page.length - 1].id) : undefined };
}

/** A tweet as X v2 sends it: default fields (edit_history_tweet_ids, id, text) plus requested tweet.fields. */
export function tweetJson(world: World, t: SimTweet, fields: ReadonlySet<string>): Record<string, unknown> {
  const id = t.id.toString();
  const out: Record<string, unknown> = { edit_history_tweet_ids: [id], id, text: tweetText(world, t) };
  if (fields.has('created_at')) out.created_at = new Date(t.timeMs).toISOString();
  if (fields.has('author_id')) out.author_id = String(1_000_000_000 + ((t.market.index * 7919 + t.j * 104_729) % 900_000_000));
  if (fields.has('lang')) out.lang = 'en';
  if (fields.has('public_metrics')) {
    const base = (t.j * 2654435761) >>> 0;
    out.public_metrics = { retweet_count: base % 7, reply_count: (base >>> 3) % 5, like_count: (base >>> 6) % 40, quote_count: (base >>> 9) % 3, bookmark_count: (base >>> 12) % 4, impression_count: 50 + ((base >>> 4) % 2000) };
  }
  return out;
}
