import { midNum, quote } from '../quote';
import { hash4 } from '../random';
import { CH } from '../series';
import { SimMarket, World } from '../world';

/** One news item every 20 minutes (slot n published at n·20 min after the epoch + up to 10 min of jitter). */
export const NEWS_SPACING_MS = 20 * 60_000;

export interface NewsItem {
  readonly slot: number;
  readonly market: SimMarket;
  readonly pubMs: number;
  readonly title: string;
  readonly link: string;
  readonly guid: string;
  readonly description: string;
  readonly sentiment: 'positive' | 'negative' | 'neutral';
}

const POSITIVE = ['odds surge as supporters cheer a great week', 'momentum builds after excellent news', 'backers celebrate a strong, positive run'];
const NEGATIVE = ['odds collapse after a terrible week', 'hopes fade amid awful news', 'critics slam a bad, disappointing run'];
const NEUTRAL = ['traders weigh the next steps', 'market holds steady ahead of the deadline', 'analysts split on the outlook'];

function slotTime(world: World, n: number): number {
  return n * NEWS_SPACING_MS + (hash4(world.options.seed, n, 0, CH.NEWS) % 600) * 1000;
}

/**
 * Item of slot n: about the most-mentioned of four candidate markets at that time (news follows
 * hype), headline leaning with that market's price move over the last hour, like the tweets.
 */
export function newsItem(world: World, n: number): NewsItem {
  const { seed } = world.options;
  const pubMs = slotTime(world, n);
  const k = world.clock.indexAt(pubMs);
  let market = world.markets[hash4(seed, n, 1, CH.NEWS) % world.markets.length];
  for (let c = 2; c <= 4; c++) {
    const other = world.markets[hash4(seed, n, c, CH.NEWS) % world.markets.length];
    if (world.series(other).hype(k) > world.series(market).hype(k)) market = other;
  }
  const s = world.series(market);
  const move = s.logitAt(k) - s.logitAt(k - 4);
  const sentiment = move > 0.05 ? 'positive' : move < -0.05 ? 'negative' : 'neutral';
  const list = sentiment === 'positive' ? POSITIVE : sentiment === 'negative' ? NEGATIVE : NEUTRAL;
  const headline = list[hash4(seed, n, 9, CH.NEWS) % list.length];
  const about = `${market.subject.text} ${market.predicate.text} by ${market.groupItemTitle}`;
  const mid = midNum(quote(world, market, k, 0));
  const date = new Date(pubMs);
  return {
    slot: n,
    market,
    pubMs,
    title: `Will ${about}? ${headline[0].toUpperCase()}${headline.slice(1)}`,
    link: `https://news.polytrader.sim/${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${market.slug}-${n}`,
    guid: `polytrader-sim-${seed}-${n}`,
    description: `${about}: ${headline}. The market trades at ${(mid * 100).toFixed(1)}% Yes.`,
    sentiment,
  };
}

/** The `count` latest items published at or before now, newest first. */
export function latestNews(world: World, nowMs: number, count: number): NewsItem[] {
  const out: NewsItem[] = [];
  let n = Math.floor(nowMs / NEWS_SPACING_MS);
  while (out.length < count) {
    if (slotTime(world, n) <= nowMs) out.push(newsItem(world, n));
    n--;
  }
  return out;
}
