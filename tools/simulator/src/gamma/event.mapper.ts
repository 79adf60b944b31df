import { SimEvent, World } from '../world';
import { applyMissing, dropMarketFields, liveNumbers, tagsOf, toGammaMarket } from './market.mapper';

const iso = (ms: number) => new Date(ms).toISOString();

/** A Gamma Event: the markets of one (subject, predicate) date ladder, embedded in full. */
export function toGammaEvent(world: World, e: SimEvent, k: number, nowMs: number, missing: boolean): Record<string, unknown> {
  const markets = e.marketIndexes.map((i) => world.markets[i]);
  const live = markets.map((m) => liveNumbers(world, m, k));
  const sum = (f: (n: (typeof live)[number]) => number) => Number(live.reduce((s, n) => s + f(n), 0).toFixed(6));
  let embedded = markets.map((m) => toGammaMarket(world, m, k, nowMs));
  if (missing) embedded = applyMissing(embedded, dropMarketFields);
  const first = markets[0];
  return {
    id: e.id,
    ticker: e.slug,
    slug: e.slug,
    title: e.title,
    description: `Date ladder: ${e.title} Each market resolves on its own date. (Simulated event.)`,
    resolutionSource: '',
    startDate: iso(Math.min(...markets.map((m) => m.startDateMs))),
    creationDate: iso(Math.min(...markets.map((m) => m.createdAtMs))),
    endDate: iso(Math.max(...markets.map((m) => m.endDateMs))),
    image: `https://polymarket-upload.s3.us-east-2.amazonaws.com/${e.slug}.png`,
    icon: `https://polymarket-upload.s3.us-east-2.amazonaws.com/${e.slug}.png`,
    active: markets.some((m) => m.active),
    closed: markets.every((m) => m.closed),
    archived: false,
    new: false,
    featured: false,
    restricted: true,
    liquidity: sum((n) => n.liquidityNum),
    volume: sum((n) => n.volumeNum),
    openInterest: 0,
    createdAt: iso(first.createdAtMs),
    updatedAt: iso(nowMs),
    competitive: first.competitive,
    volume24hr: sum((n) => n.volume24hr),
    volume1wk: sum((n) => n.volume1wk),
    volume1mo: sum((n) => n.volume1mo),
    volume1yr: sum((n) => n.volume1yr),
    enableOrderBook: true,
    liquidityClob: sum((n) => n.liquidityNum),
    negRisk: false,
    commentCount: 0,
    markets: embedded,
    tags: tagsOf(first),
    cyom: false,
    showAllOutcomes: true,
    showMarketImages: true,
    enableNegRisk: false,
    automaticallyActive: true,
    negRiskAugmented: false,
    pendingDeployment: false,
    deploying: false,
  };
}
