import type { RebalanceSuggestion } from '@polytrader/contracts';
import { AnalysisSummary, ExposureLimits, SignalRuleSettings, eligibility, sectorLimit } from '@polytrader/quant';

/**
 * Daily rebalancing suggestions (docs/signals.md): each open position against the size the current
 * analysis, the latest signals and the caps allow now. Pure.
 */

export interface HeldPosition {
  readonly marketId: string;
  readonly tokenId: string;
  readonly outcome: string;
  /** shares */
  readonly size: number;
  readonly avgPrice: number;
  /** USDC at risk */
  readonly cost: number;
}

export interface LatestSignal {
  readonly tokenId: string;
  readonly outcome: string;
  readonly side: 'BUY' | 'SELL';
  /** shares */
  readonly size: number;
}

export interface RebalanceInput {
  readonly positions: readonly HeldPosition[];
  /** open, active markets by id (a position's market missing here is closed or unknown) */
  readonly openMarkets: ReadonlySet<string>;
  readonly analyses: ReadonlyMap<string, AnalysisSummary | null>;
  /** per market: its newest published signal of the last day */
  readonly latestSignals: ReadonlyMap<string, LatestSignal>;
  readonly sectors: ReadonlyMap<string, string>;
  /** in USDC */
  readonly limits: ExposureLimits;
  readonly rules: SignalRuleSettings;
  readonly minChangePct: number;
  readonly nowMs: number;
}

const sumBy = <T>(items: readonly T[], key: (t: T) => string, value: (t: T) => number) => {
  const out = new Map<string, number>();
  for (const i of items) out.set(key(i), (out.get(key(i)) ?? 0) + value(i));
  return out;
};

export function rebalanceSuggestions(input: RebalanceInput): RebalanceSuggestion[] {
  const { positions, limits } = input;
  const sectorOf = (marketId: string) => input.sectors.get(marketId) ?? 'other';
  const byMarket = sumBy(positions, (p) => p.marketId, (p) => p.cost);
  const bySector = sumBy(positions, (p) => sectorOf(p.marketId), (p) => p.cost);
  const total = positions.reduce((s, p) => s + p.cost, 0);
  const out: RebalanceSuggestion[] = [];
  for (const p of positions) {
    const { target, reason } = targetFor(p, input, byMarket.get(p.marketId) ?? 0, bySector.get(sectorOf(p.marketId)) ?? 0, total, limits, sectorOf(p.marketId));
    const change = Math.abs(target - p.size);
    if (!(change > 0) || change < (p.size * input.minChangePct) / 100) continue;
    const action = target === 0 ? 'close' : target < p.size ? 'reduce' : 'increase';
    out.push({ marketId: p.marketId, tokenId: p.tokenId, action, currentSize: p.size, targetSize: target, reason });
  }
  return out;
}

function targetFor(
  p: HeldPosition, input: RebalanceInput, marketCost: number, sectorCost: number, total: number, limits: ExposureLimits, sector: string,
): { target: number; reason: string } {
  if (!input.openMarkets.has(p.marketId)) return { target: 0, reason: 'market closed or no longer active' };
  const notEligible = eligibility(input.analyses.get(p.marketId) ?? null, input.rules, input.nowMs);
  if (notEligible) return { target: 0, reason: `no longer eligible: ${notEligible}` };
  const latest = input.latestSignals.get(p.marketId);
  if (latest && latest.side === 'SELL' && latest.tokenId === p.tokenId) return { target: 0, reason: `the latest signal exits ${p.outcome}` };
  if (latest && latest.side === 'BUY' && latest.tokenId !== p.tokenId) return { target: 0, reason: `the latest signal favours ${latest.outcome}` };

  let scale = 1;
  const reasons: string[] = [];
  const cap = (held: number, limit: number, what: string) => {
    if (held > limit && held > 0) {
      scale = Math.min(scale, limit / held);
      reasons.push(`${what} exposure ${held.toFixed(2)} USDC over its limit ${limit.toFixed(2)}`);
    }
  };
  cap(marketCost, limits.perMarket, 'market');
  cap(sectorCost, sectorLimit(limits, sector), `sector ${sector}`);
  cap(total, limits.total, 'total');
  if (scale < 1) return { target: p.size * scale, reason: reasons.join('; ') };
  if (latest && latest.side === 'BUY' && latest.tokenId === p.tokenId && latest.size > p.size && p.avgPrice > 0) {
    const roomShares = p.size + Math.max(0, limits.perMarket - marketCost) / p.avgPrice;
    return { target: Math.min(latest.size, roomShares), reason: `the latest signal asked for ${latest.size.toFixed(2)} shares, ${p.size.toFixed(2)} held` };
  }
  return { target: p.size, reason: 'on target' };
}
