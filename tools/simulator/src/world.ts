import { createHash } from 'node:crypto';
import { SimClock } from './clock';
import { hash4, Rng, uniform } from './random';
import { MarketSeries } from './series';
import { MONTHS, SECTORS, Sector, slugify, Term } from './words';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const TOKEN_MOD = 10n ** 77n;
const TOKEN_MIN = 10n ** 76n;
const POSITION_MOD = 10n ** 75n;
const POSITION_MIN = 10n ** 74n;
const CH_EVENT = 11;
const CH_MARKET = 12;
const CH_PERM = 13;
const CH_LED = 14;
const PRICE_NOISE = 0.06;

export interface WorldOptions {
  readonly seed: number;
  readonly markets: number;
  readonly historyPoints: number;
  readonly ledFraction: number;
}

/** One market's static facts. Everything that moves lives in its `MarketSeries`. */
export interface SimMarket {
  readonly index: number;
  readonly id: string;
  readonly eventIndex: number;
  readonly conditionId: string;
  readonly questionId: string;
  readonly slug: string;
  readonly question: string;
  readonly description: string;
  /** the date part shown inside its event, e.g. "June 30" */
  readonly groupItemTitle: string;
  readonly sector: Sector;
  readonly subject: Term;
  readonly predicate: Term;
  /** broad (subject), event-wide (subject + predicate), market-specific (+ date); see x/query-match.ts */
  readonly keywords: readonly string[];
  readonly tokenIds: readonly [string, string];
  readonly positionIds: readonly [string, string];
  readonly createdAtMs: number;
  readonly startDateMs: number;
  readonly endDateMs: number;
  readonly active: boolean;
  readonly closed: boolean;
  /** 1/tick: 1000 (tick 0.001) or 100 (tick 0.01) */
  readonly ticks: 100 | 1000;
  readonly baseVolume: number;
  readonly baseLiquidity: number;
  readonly competitive: number;
  readonly led: boolean;
  readonly lag: number | null;
  readonly beta: number | null;
  /** series parameters: mean mentions per interval, base Yes logit, logit noise per interval */
  readonly lambda: number;
  readonly l0: number;
  readonly noise: number;
}

export interface SimEvent {
  readonly index: number;
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly sector: Sector;
  readonly marketIndexes: readonly number[];
}

export interface GroundTruthEntry {
  readonly marketId: string;
  readonly slug: string;
  readonly led: boolean;
  /** intervals (of the grid, 15 min by default) by which hype leads the price change; null when not led */
  readonly lag: number | null;
  /** logit-price change per standard deviation of log1p(hype); null when not led */
  readonly beta: number | null;
}
export type GroundTruth = GroundTruthEntry[];

interface Combo {
  readonly sector: Sector;
  readonly subject: Term;
  readonly predicate: Term;
}

function hex64(seed: number, i: number, label: string): string {
  return createHash('sha256').update(`${seed}:${i}:${label}`).digest('hex');
}

function decimalId(seed: number, i: number, label: string, mod: bigint, min: bigint): string {
  let v = BigInt(`0x${hex64(seed, i, label)}`) % mod;
  if (v < min) v += min;
  return v.toString();
}

function dateText(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

/**
 * The market universe: N markets in events of three, each with a deterministic slug, question,
 * sector tag, token ids, dates and series. Static facts are built eagerly (O(N)); series lazily.
 */
export class World {
  readonly markets: readonly SimMarket[];
  readonly events: readonly SimEvent[];
  private readonly byIdMap = new Map<string, SimMarket>();
  private readonly byTokenMap = new Map<string, { market: SimMarket; outcome: 0 | 1 }>();
  private readonly seriesCache = new Map<number, MarketSeries>();

  constructor(readonly options: WorldOptions, readonly clock: SimClock) {
    const { seed, markets: n } = options;
    const combos: Combo[] = [];
    for (const sector of SECTORS) for (const subject of sector.subjects) for (const predicate of sector.predicates) combos.push({ sector, subject, predicate });
    const order = new Rng(hash4(seed, 0, 0, CH_PERM)).shuffle(combos.map((_, i) => i));
    const ledRank = [...Array(n).keys()].sort((a, b) => uniform(seed, a, 0, CH_LED) - uniform(seed, b, 0, CH_LED));
    const ledSet = new Set(ledRank.slice(0, Math.round(options.ledFraction * n)));
    const slugs = new Set<string>();
    const list: SimMarket[] = [];
    const events: SimEvent[] = [];
    for (let e = 0; e * 3 < n; e++) {
      const combo = combos[order[e % combos.length]];
      const round = Math.floor(e / combos.length);
      const indexes = [...Array(Math.min(3, n - e * 3)).keys()].map((j) => e * 3 + j);
      const baseTitle = `${combo.subject.text} ${combo.predicate.text} by ...?`;
      const title = `Will ${baseTitle}`;
      events.push({
        index: e, id: String(20000 + e), title, sector: combo.sector, marketIndexes: indexes,
        slug: slugify(`${combo.subject.text} ${combo.predicate.text} by${round > 0 ? ` ${round + 1}` : ''}`),
      });
      for (const i of indexes) list.push(this.buildMarket(i, e, combo, slugs, ledSet.has(i)));
    }
    this.markets = list;
    this.events = events;
    for (const m of list) {
      this.byIdMap.set(m.id, m);
      this.byTokenMap.set(m.tokenIds[0], { market: m, outcome: 0 });
      this.byTokenMap.set(m.tokenIds[1], { market: m, outcome: 1 });
    }
  }

  byId(id: string): SimMarket | undefined {
    return this.byIdMap.get(id);
  }

  byToken(tokenId: string): { market: SimMarket; outcome: 0 | 1 } | undefined {
    return this.byTokenMap.get(tokenId);
  }

  byConditionId(conditionId: string): SimMarket | undefined {
    return this.markets.find((m) => m.conditionId === conditionId.toLowerCase());
  }

  /** The market's series, created on first use and cached. */
  series(m: SimMarket): MarketSeries {
    let s = this.seriesCache.get(m.index);
    if (!s) {
      s = new MarketSeries({
        seed: this.options.seed, index: m.index, priceStart: 1 - this.options.historyPoints,
        lambda: m.lambda, l0: m.l0, noise: m.noise, led: m.led, lag: m.lag ?? 0, beta: m.beta ?? 0,
        volScale: m.baseLiquidity / 2000,
      });
      this.seriesCache.set(m.index, s);
    }
    return s;
  }

  truth(): GroundTruth {
    return this.markets.map((m) => ({ marketId: m.id, slug: m.slug, led: m.led, lag: m.lag, beta: m.beta }));
  }

  private buildMarket(i: number, e: number, combo: Combo, slugs: Set<string>, led: boolean): SimMarket {
    const { seed } = this.options;
    const anchor = this.clock.anchorMs;
    const r = new Rng(hash4(seed, i, 0, CH_MARKET));
    let endDateMs = r.chance(0.05)
      ? anchor + Math.floor(r.range(1, 23.99)) * HOUR_MS
      : Math.ceil((anchor + r.range(2, 199) * DAY_MS) / DAY_MS) * DAY_MS;
    const closed = r.chance(0.08);
    let question = '';
    let slug = '';
    for (let attempt = 0; ; attempt++) {
      const suffix = attempt > 400 ? ` (#${i})` : '';
      question = `Will ${combo.subject.text} ${combo.predicate.text} by ${dateText(endDateMs)}${suffix}?`;
      slug = slugify(question);
      if (!slugs.has(slug)) break;
      // a date already taken by this (subject, predicate): try the next day (at least 2 days out)
      endDateMs = endDateMs - anchor < 2 * DAY_MS ? Math.ceil((anchor + 2 * DAY_MS) / DAY_MS) * DAY_MS : endDateMs + DAY_MS;
    }
    slugs.add(slug);
    const startDateMs = anchor - Math.floor(r.range(10, 300) * DAY_MS / 1000) * 1000;
    const dText = dateText(endDateMs);
    const ticks = r.chance(0.3) ? 100 : 1000;
    const baseLiquidity = Math.round(Math.exp(Math.log(40_000) + r.normal()) * 1e5) / 1e5;
    const baseVolume = Math.round(baseLiquidity * r.range(5, 60) * 1e6) / 1e6;
    const lag = led ? 1 + r.int(3) : null;
    // Price noise σ = 0.06 logit per interval; a led market adds β·z with β/σ (signal-to-noise) in
    // [0.8, 1.2). Unled markets get the same total volatility, so volatility does not reveal a lead.
    const snr = r.range(0.8, 1.2);
    const beta = led ? Math.round(PRICE_NOISE * snr * 1e4) / 1e4 : null;
    const noise = led ? PRICE_NOISE : PRICE_NOISE * Math.sqrt(1 + snr * snr);
    const lambda = Math.exp(Math.log(12) + 0.7 * r.normal());
    const yes0 = r.range(0.06, 0.94);
    return {
      index: i,
      id: String(600000 + i),
      eventIndex: e,
      conditionId: `0x${hex64(seed, i, 'condition')}`,
      questionId: `0x${hex64(seed, i, 'question')}`,
      slug,
      question,
      description: `This market will resolve to "Yes" if ${combo.subject.text} ${combo.predicate.text} by ${dText}, 11:59 PM ET. Otherwise, this market will resolve to "No". (Simulated market.)`,
      groupItemTitle: dText,
      sector: combo.sector,
      subject: combo.subject,
      predicate: combo.predicate,
      keywords: [combo.subject.kw, `${combo.subject.kw} ${combo.predicate.kw}`, `${combo.subject.kw} ${combo.predicate.kw} ${dText.toLowerCase()}`],
      tokenIds: [decimalId(seed, i, 'yes', TOKEN_MOD, TOKEN_MIN), decimalId(seed, i, 'no', TOKEN_MOD, TOKEN_MIN)],
      positionIds: [decimalId(seed, i, 'pos-yes', POSITION_MOD, POSITION_MIN), decimalId(seed, i, 'pos-no', POSITION_MOD, POSITION_MIN)],
      createdAtMs: startDateMs - Math.floor(r.range(60, 3600)) * 1000,
      startDateMs,
      endDateMs,
      active: !closed,
      closed,
      ticks,
      baseVolume,
      baseLiquidity,
      competitive: r.range(0.5, 1),
      led,
      lag,
      beta,
      lambda,
      l0: Math.log(yes0 / (1 - yes0)),
      noise,
    };
  }
}
