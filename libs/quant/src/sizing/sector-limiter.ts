import { QuantInputError } from '../stats/errors';

/**
 * Exposure limits for new orders: per market, per sector (Polymarket category/tag), in total, and by the depth
 * the book can absorb. All amounts are in one currency unit (USDC notional committed), never in shares.
 */
export interface ExposureLimits {
  /** Maximum exposure in any one market. */
  readonly perMarket: number;
  /** Maximum exposure per named sector (`portfolio.sector_limits`); sectors not listed get `defaultSector`. */
  readonly perSector?: Readonly<Record<string, number>>;
  /** Limit for a sector absent from `perSector`; Infinity for "no sector limit". */
  readonly defaultSector: number;
  /** Maximum exposure over all markets. */
  readonly total: number;
}

/** Current exposures, as the risk service tracks them. */
export interface Exposures {
  readonly markets: Readonly<Record<string, number>>;
  readonly sectors: Readonly<Record<string, number>>;
  readonly total: number;
}

export interface OrderRequest {
  readonly market: string;
  readonly sector: string;
  /** Wanted size, e.g. the Kelly stake. */
  readonly size: number;
  /** What the book can absorb at an acceptable price; Infinity when not constrained. */
  readonly bookDepth: number;
}

/** The limit that cut the order ('none' when all of it fits; 'invalid' for NaN/negative input — size 0). */
export type SizeLimit = 'none' | 'market' | 'sector' | 'total' | 'depth' | 'invalid';

export interface SizeDecision {
  /** Allowed size: 0 ≤ size ≤ requested, and current + size ≤ limit for market, sector and total, ≤ depth. */
  readonly size: number;
  readonly limitedBy: SizeLimit;
}

const own = (r: Readonly<Record<string, number>> | undefined, key: string): number | undefined =>
  r !== undefined && Object.prototype.hasOwnProperty.call(r, key) ? r[key] : undefined;

/** The sector's limit: its entry in `perSector`, else `defaultSector`. */
export function sectorLimit(limits: ExposureLimits, sector: string): number {
  return own(limits.perSector, sector) ?? limits.defaultSector;
}

/** The next double below x (x > 0, finite). */
function nextDown(x: number): number {
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] -= 1n;
  return f[0];
}

/**
 * Largest h ≥ 0 with current + h ≤ limit *in floating point* (a naive limit − current can overshoot by an ulp
 * once added back). NaN for invalid input.
 */
function headroom(current: number, limit: number): number {
  if (Number.isNaN(current) || Number.isNaN(limit) || current < 0 || limit < 0 || current === Infinity) return NaN;
  if (limit === Infinity) return Infinity;
  let h = limit - current;
  if (!(h > 0)) return 0;
  while (h > 0 && current + h > limit) h = nextDown(h);
  return h;
}

/**
 * The size a new exposure-increasing order may have: min(requested, depth, headroom to each limit), never
 * negative, never pushing market, sector or total exposure past its limit. Fail-safe: NaN or negative in any
 * input, or a non-finite request, allows 0.
 */
export function allowedOrderSize(exposures: Exposures, limits: ExposureLimits, order: OrderRequest): SizeDecision {
  const market = own(exposures.markets, order.market) ?? 0;
  const sector = own(exposures.sectors, order.sector) ?? 0;
  return decide(market, sector, exposures.total, limits, order);
}

function decide(market: number, sector: number, total: number, limits: ExposureLimits, order: OrderRequest): SizeDecision {
  const requested = order.size;
  const depth = order.bookDepth;
  if (!(requested >= 0) || requested === Infinity || !(depth >= 0)) return { size: 0, limitedBy: 'invalid' };
  const caps: [SizeLimit, number][] = [
    ['market', headroom(market, limits.perMarket)],
    ['sector', headroom(sector, sectorLimit(limits, order.sector))],
    ['total', headroom(total, limits.total)],
    ['depth', depth],
  ];
  let size = requested;
  let limitedBy: SizeLimit = 'none';
  for (const [name, cap] of caps) {
    if (Number.isNaN(cap)) return { size: 0, limitedBy: 'invalid' };
    if (cap < size) {
      size = cap;
      limitedBy = name;
    }
  }
  return { size: size + 0, limitedBy }; // + 0: never -0
}

/**
 * Immutable exposure book that sizes orders with `allowedOrderSize` and records fills. Sector and total exposure
 * are kept incrementally (adding exactly the sizes that were allowed), so recorded exposure never exceeds a
 * limit through rounding. A market belongs to one sector: recording it under another throws SECTOR_MISMATCH.
 */
export class SectorLimiter {
  private constructor(
    readonly limits: ExposureLimits,
    private readonly markets: ReadonlyMap<string, number>,
    private readonly sectors: ReadonlyMap<string, number>,
    private readonly marketSector: ReadonlyMap<string, string>,
    readonly total: number,
  ) {}

  static create(limits: ExposureLimits): SectorLimiter {
    return new SectorLimiter(limits, new Map(), new Map(), new Map(), 0);
  }

  /** Current exposures (fresh objects; safe to keep). */
  exposures(): Exposures {
    return { markets: Object.fromEntries(this.markets), sectors: Object.fromEntries(this.sectors), total: this.total };
  }

  /** The size allowed for `order` now; a market already held under another sector allows 0 ('invalid'). */
  allowed(order: OrderRequest): SizeDecision {
    const known = this.marketSector.get(order.market);
    if (known !== undefined && known !== order.sector) return { size: 0, limitedBy: 'invalid' };
    return decide(this.markets.get(order.market) ?? 0, this.sectors.get(order.sector) ?? 0, this.total, this.limits, order);
  }

  /** A new limiter with `size` more exposure in `market` (positions imported at start-up may exceed limits). */
  withFill(market: string, sector: string, size: number): SectorLimiter {
    if (!(size >= 0) || size === Infinity) throw new QuantInputError('NON_FINITE', `fill size must be finite and ≥ 0, got ${size}`);
    const known = this.marketSector.get(market);
    if (known !== undefined && known !== sector) {
      throw new QuantInputError('SECTOR_MISMATCH', `market ${market} is in sector "${known}", not "${sector}"`);
    }
    const markets = new Map(this.markets).set(market, (this.markets.get(market) ?? 0) + size);
    const sectors = new Map(this.sectors).set(sector, (this.sectors.get(sector) ?? 0) + size);
    const marketSector = new Map(this.marketSector).set(market, sector);
    return new SectorLimiter(this.limits, markets, sectors, marketSector, this.total + size);
  }

  /** A new limiter with up to `amount` less exposure in `market` (a close or reduction; clamped at zero). */
  withRelease(market: string, amount: number): SectorLimiter {
    if (!(amount >= 0) || amount === Infinity) throw new QuantInputError('NON_FINITE', `release must be finite and ≥ 0, got ${amount}`);
    const sector = this.marketSector.get(market);
    const held = this.markets.get(market) ?? 0;
    if (sector === undefined || held === 0) return this;
    const released = Math.min(amount, held);
    const markets = new Map(this.markets).set(market, held - released);
    const sectors = new Map(this.sectors).set(sector, Math.max(0, (this.sectors.get(sector) ?? 0) - released));
    const total = Math.max(0, this.total - released);
    return new SectorLimiter(this.limits, markets, sectors, this.marketSector, total);
  }
}
