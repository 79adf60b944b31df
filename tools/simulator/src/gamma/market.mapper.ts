import { complementStr, midNum, midStr, priceNum, quote } from '../quote';
import { uniform } from '../random';
import { CH } from '../series';
import { SimMarket, World } from '../world';

const DAYS = { d1: 96, w1: 672, m1: 2880, y1: 35040 } as const;
const ZERO_ADDRESS_LIKE = '0x91430CaD2d3975766499717fA0D66A78D814E5c5';
const RESOLVER = '0x157Ce2d672854c848c9b79C49a8Cc6cc89176a49';

const iso = (ms: number) => new Date(ms).toISOString();
const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const round = (x: number, d: number) => Number(x.toFixed(d));
/** Gamma's JSON-in-a-string lists: `"[\"Yes\", \"No\"]"` (note the space after the comma). */
export const jsonList = (items: readonly string[]) => `[${items.map((s) => JSON.stringify(s)).join(', ')}]`;

export function tagsOf(m: SimMarket): Record<string, unknown>[] {
  return [{
    id: m.sector.tagId, label: m.sector.label, slug: m.sector.slug, forceShow: false,
    createdAt: '2023-11-02T22:05:44.48Z', updatedAt: '2026-04-17T20:47:56.524437Z', requiresTranslation: false,
  }];
}

export interface LiveNumbers {
  readonly liquidityNum: number;
  readonly volumeNum: number;
  readonly volume24hr: number;
  readonly volume1wk: number;
  readonly volume1mo: number;
  readonly volume1yr: number;
}

/** Liquidity and volumes at interval k: volumes are sums of the per-interval volume series. */
export function liveNumbers(world: World, m: SimMarket, k: number): LiveNumbers {
  const s = world.series(m);
  const perInterval = s.volumeBetween(k - DAYS.w1, k) / DAYS.w1;
  const window = (n: number) => s.volumeBetween(k - n, k) + Math.max(0, s.hypeStart - (k - n + 1)) * perInterval;
  const volumeNum = round(m.baseVolume + s.volumeBetween(-Infinity, k), 6);
  const volume1yr = round(Math.min(volumeNum, window(DAYS.y1)), 6);
  const volume1mo = round(Math.min(volume1yr, window(DAYS.m1)), 6);
  return {
    liquidityNum: round(m.baseLiquidity * (0.9 + 0.2 * uniform(world.options.seed, m.index, k, CH.LIQUIDITY)), 5),
    volumeNum,
    volume24hr: round(window(DAYS.d1), 6),
    volume1wk: round(window(DAYS.w1), 6),
    volume1mo,
    volume1yr,
  };
}

/**
 * A Gamma Market object at interval k, with the keys and JSON types of the recorded fixture
 * (gamma/market_by_id_559651_open_tags_rewards.json): JSON-encoded `outcomes`, `outcomePrices`,
 * `clobTokenIds`; `volume`/`liquidity` as strings, `volumeNum`/`liquidityNum`/`volume24hr` numbers.
 */
export function toGammaMarket(world: World, m: SimMarket, k: number, nowMs: number, withSchema = false): Record<string, unknown> {
  const q = quote(world, m, k, 0);
  const mid = midNum(q);
  const change = (back: number) => round(mid - midNum(quote(world, m, k - back, 0)), 4);
  const n = liveNumbers(world, m, k);
  return {
    ...(withSchema ? { $schema: 'https://gamma-api.polymarket.com/schemas/Market.json' } : {}),
    id: m.id,
    question: m.question,
    conditionId: m.conditionId,
    slug: m.slug,
    resolutionSource: '',
    endDate: isoSeconds(m.endDateMs),
    liquidity: String(n.liquidityNum),
    startDate: iso(m.startDateMs),
    image: `https://polymarket-upload.s3.us-east-2.amazonaws.com/${m.slug}.png`,
    icon: `https://polymarket-upload.s3.us-east-2.amazonaws.com/${m.slug}.png`,
    description: m.description,
    outcomes: jsonList(['Yes', 'No']),
    outcomePrices: jsonList([midStr(q), complementStr(mid, q.ticks)]),
    volume: String(n.volumeNum),
    active: m.active,
    closed: m.closed,
    marketMakerAddress: '',
    createdAt: iso(m.createdAtMs),
    updatedAt: iso(nowMs),
    new: false,
    featured: false,
    submitted_by: ZERO_ADDRESS_LIKE,
    archived: false,
    resolvedBy: RESOLVER,
    restricted: true,
    groupItemTitle: m.groupItemTitle,
    groupItemThreshold: String(m.index % 3),
    questionID: m.questionId,
    enableOrderBook: true,
    orderPriceMinTickSize: 1 / m.ticks,
    orderMinSize: 5,
    volumeNum: n.volumeNum,
    liquidityNum: n.liquidityNum,
    endDateIso: iso(m.endDateMs).slice(0, 10),
    startDateIso: iso(m.startDateMs).slice(0, 10),
    hasReviewedDates: true,
    volume24hr: n.volume24hr,
    volume1wk: n.volume1wk,
    volume1mo: n.volume1mo,
    volume1yr: n.volume1yr,
    clobTokenIds: jsonList(m.tokenIds),
    positionIds: [...m.positionIds],
    comboStatus: 'pending',
    umaBond: '500',
    umaReward: '5',
    volume24hrClob: n.volume24hr,
    volume1wkClob: n.volume1wk,
    volume1moClob: n.volume1mo,
    volume1yrClob: n.volume1yr,
    volumeClob: n.volumeNum,
    liquidityClob: n.liquidityNum,
    makerBaseFee: 1000,
    takerBaseFee: 1000,
    customLiveness: 0,
    acceptingOrders: m.active,
    negRisk: false,
    negRiskRequestID: '',
    ready: false,
    funded: false,
    acceptingOrdersTimestamp: isoSeconds(m.startDateMs),
    tags: tagsOf(m),
    cyom: false,
    competitive: m.competitive,
    pagerDutyNotificationEnabled: false,
    approved: true,
    clobRewards: [],
    rewardsMinSize: 200,
    rewardsMaxSpread: 3.5,
    spread: priceNum(q.ask - q.bid, q.ticks),
    oneDayPriceChange: change(DAYS.d1),
    oneWeekPriceChange: change(DAYS.w1),
    oneMonthPriceChange: change(DAYS.m1),
    oneYearPriceChange: change(DAYS.y1),
    lastTradePrice: priceNum(q.last, q.ticks),
    bestBid: priceNum(q.bid, q.ticks),
    bestAsk: priceNum(q.ask, q.ticks),
    automaticallyActive: true,
    clearBookOnStart: true,
    manualActivation: false,
    negRiskOther: false,
    umaResolutionStatuses: '[]',
    pendingDeployment: false,
    deploying: false,
    deployingTimestamp: iso(m.createdAtMs + 60_000),
    rfqEnabled: false,
    holdingRewardsEnabled: false,
    feesEnabled: true,
    requiresTranslation: false,
    feeType: `${m.sector.slug.replace(/-/g, '_')}_fees`,
    feeSchedule: { exponent: 1, rate: 0.04, takerOnly: true, rebateRate: 0.25 },
    version: 'v1',
  };
}

/**
 * MISSING_FIELDS (Gamma markets): a record at an even position of the answer (0, 2, 4, …; the
 * single object of GET /markets/:id) loses `clobTokenIds` and `conditionId`, and gets
 * `outcomePrices: "not json"`. Records at odd positions stay intact.
 */
export function dropMarketFields(record: Record<string, unknown>): Record<string, unknown> {
  const { clobTokenIds: _t, conditionId: _c, ...rest } = record;
  return { ...rest, outcomePrices: 'not json' };
}

export function applyMissing<T>(records: T[], mutate: (r: T) => T): T[] {
  return records.map((r, i) => (i % 2 === 0 ? mutate(r) : r));
}
