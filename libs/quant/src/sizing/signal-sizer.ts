import type { PriceLevel } from '../book/walk-book';
import { askNotionalWithin, sharesForStake } from './book-depth';
import { kellyStake } from './kelly';
import { ExposureLimits, SectorLimiter, SizeLimit } from './sector-limiter';

/**
 * The portfolio optimizer's sizing of entry signals (docs/signals.md): fractional Kelly for a binary
 * payoff, then capped per market, per sector, in total (all as % of equity) and by the book's depth at
 * acceptable prices. Signals of one pass are sized one after the other against the exposure the earlier
 * ones took, so a pass can never push a sector past its limit.
 */

export interface SizingSettings {
  readonly kellyFraction: number;
  /** believed edge at confidence 1, as a share of (1 − price) */
  readonly maxEdge: number;
  readonly maxPositionPct: number;
  readonly maxTotalExposurePct: number;
  /** per sector (lower case), % of equity; sectors not listed are not limited */
  readonly sectorLimitsPct: Readonly<Record<string, number>>;
  /** ask levels up to this % above the best ask count as depth */
  readonly maxSlippagePct: number;
}

/** Exposure already held (USDC at entry). */
export interface HeldExposure {
  readonly marketId: string;
  readonly sector: string;
  readonly cost: number;
}

export interface SizeRequest {
  readonly marketId: string;
  readonly sector: string;
  /** best ask of the outcome bought */
  readonly price: number;
  readonly confidence: number;
  /** ask levels, best first */
  readonly asks: readonly PriceLevel[];
}

export interface SizedSignal {
  /** believed probability fed to Kelly */
  readonly prob: number;
  /** fractional-Kelly fraction of equity before the caps */
  readonly kellyFraction: number;
  /** USDC the Kelly stake asked for */
  readonly kellyStake: number;
  /** USDC allowed after every cap */
  readonly stake: number;
  /** shares the stake buys walking the asks up to the limit price */
  readonly shares: number;
  readonly limitPrice: number;
  readonly limitedBy: SizeLimit | 'kelly';
}

/** Sector of a market: its category, else its first tag, else "other" — lower case. */
export function sectorOf(category: string | null | undefined, tags: readonly string[] = []): string {
  const raw = (category && category.trim()) || tags.find((t) => t.trim() !== '') || 'other';
  return raw.trim().toLowerCase();
}

/** Believed probability of the outcome: price + confidence·maxEdge·(1 − price), within [price, 1). */
export function beliefFromConfidence(price: number, confidence: number, maxEdge: number): number {
  const c = confidence > 1 ? 1 : confidence > 0 ? confidence : 0;
  const e = maxEdge > 1 ? 1 : maxEdge > 0 ? maxEdge : 0;
  return price + c * e * (1 - price);
}

export function exposureLimits(settings: SizingSettings, equity: number): ExposureLimits {
  const pct = (v: number) => (equity * v) / 100;
  const perSector: Record<string, number> = {};
  for (const [k, v] of Object.entries(settings.sectorLimitsPct)) perSector[k.toLowerCase()] = pct(v);
  return { perMarket: pct(settings.maxPositionPct), perSector, defaultSector: Infinity, total: pct(settings.maxTotalExposurePct) };
}

export class PortfolioSizer {
  private constructor(readonly settings: SizingSettings, readonly equity: number, private limiter: SectorLimiter) {}

  /** A sizer over `equity` with the exposure already `held` (which may exceed limits; then new entries size 0). */
  static create(settings: SizingSettings, equity: number, held: readonly HeldExposure[]): PortfolioSizer {
    let limiter = SectorLimiter.create(exposureLimits(settings, equity));
    const sectorOfMarket = new Map<string, string>();
    for (const h of held) {
      if (!(h.cost > 0) || h.cost === Infinity) continue;
      const sector = sectorOfMarket.get(h.marketId) ?? h.sector.toLowerCase();
      sectorOfMarket.set(h.marketId, sector);
      limiter = limiter.withFill(h.marketId, sector, h.cost);
    }
    return new PortfolioSizer(settings, equity, limiter);
  }

  /** Current exposures, including what earlier `size` calls took. */
  exposures() {
    return this.limiter.exposures();
  }

  /** Sizes one BUY and books its stake, so the next request sees it. */
  size(req: SizeRequest): SizedSignal {
    const s = this.settings;
    const limitPrice = Math.min(req.price * (1 + s.maxSlippagePct / 100), 0.999);
    const prob = beliefFromConfidence(req.price, req.confidence, s.maxEdge);
    const kelly = kellyStake({ side: 'BUY', price: req.price, prob, kellyFraction: s.kellyFraction, maxFraction: s.maxPositionPct / 100 }, this.equity);
    const none = { prob, kellyFraction: kelly.fraction, kellyStake: kelly.stake, stake: 0, shares: 0, limitPrice };
    if (!(kelly.stake > 0)) return { ...none, limitedBy: 'kelly' };
    const depth = askNotionalWithin(req.asks, limitPrice);
    const sector = req.sector.toLowerCase();
    const decision = this.limiter.allowed({ market: req.marketId, sector, size: kelly.stake, bookDepth: depth });
    if (!(decision.size > 0)) return { ...none, limitedBy: decision.limitedBy };
    this.limiter = this.limiter.withFill(req.marketId, sector, decision.size);
    return { ...none, stake: decision.size, shares: sharesForStake(req.asks, decision.size, limitPrice), limitedBy: decision.limitedBy };
  }
}
