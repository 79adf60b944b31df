import type { HypeScoreVersion, MarketAnalysisRecord, MarketVersion, ObservedPricePoint, Observations } from '@polytrader/persistence';

/** What a backtest replays: defined beside its loader (libs/persistence loadObservations), read here. */
export type { Observations };

/** The observation time of every kind of fact, in ms. */
export const observedMs = {
  market: (m: MarketVersion) => Date.parse(m.observedAt),
  snapshot: (s: { ts: string }) => Date.parse(s.ts),
  book: (b: { ts: string }) => Date.parse(b.ts),
  price: (p: ObservedPricePoint) => Date.parse(p.observedAt),
  hype: (h: HypeScoreVersion) => Date.parse(h.observedAt),
  analysis: (a: MarketAnalysisRecord) => Date.parse(a.ts),
};

/** The collection cycles in the observations, in order: one signal pass and one risk cycle step each. */
export function collectionCycles(obs: Observations): { cycleId: string; atMs: number }[] {
  const byId = new Map<string, number>();
  for (const s of obs.snapshots) {
    const t = Date.parse(s.ts);
    const seen = byId.get(s.cycleId);
    if (seen === undefined || t > seen) byId.set(s.cycleId, t);
  }
  return [...byId].map(([cycleId, atMs]) => ({ cycleId, atMs })).sort((a, b) => a.atMs - b.atMs || (a.cycleId < b.cycleId ? -1 : 1));
}
