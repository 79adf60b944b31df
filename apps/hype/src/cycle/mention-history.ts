import { intervalIndex, intervalStartMs } from '@polytrader/quant';
import type { HypeScoreQuery, HypeScoreRecord } from '@polytrader/persistence';

export interface HypeScoreReader {
  between(query: HypeScoreQuery): Promise<HypeScoreRecord[]>;
}

/**
 * The recent mention series of each market (interval index → mentions), kept across cycles so a cycle
 * reads the store only for markets it has not seen since start. The hype service is the only writer
 * of hype_scores, so what it records here is what the store holds.
 */
export class MentionHistory {
  private readonly series = new Map<string, Map<number, number>>();

  constructor(private readonly minutes: number) {}

  /** Loads, for the markets not held yet, their stored intervals from `fromIndex` on. */
  async ensure(store: HypeScoreReader, marketIds: readonly string[], fromIndex: number): Promise<void> {
    const missing = marketIds.filter((id) => !this.series.has(id));
    if (missing.length === 0) return;
    const rows = await store.between({ marketIds: missing, from: new Date(intervalStartMs(fromIndex, this.minutes)).toISOString() });
    for (const id of missing) this.series.set(id, new Map());
    for (const r of rows) this.series.get(r.marketId)?.set(intervalIndex(Date.parse(r.intervalStart), this.minutes), r.mentions);
  }

  /** Keeps only these markets, and only their intervals from `fromIndex` on. */
  retain(marketIds: readonly string[], fromIndex: number): void {
    const keep = new Set(marketIds);
    for (const [id, s] of this.series) {
      if (!keep.has(id)) {
        this.series.delete(id);
        continue;
      }
      for (const k of s.keys()) if (k < fromIndex) s.delete(k);
    }
  }

  of(marketId: string): ReadonlyMap<number, number> {
    return this.series.get(marketId) ?? new Map();
  }

  /** Newest interval held for the market, or undefined. */
  last(marketId: string): number | undefined {
    let last: number | undefined;
    for (const k of this.series.get(marketId)?.keys() ?? []) if (last === undefined || k > last) last = k;
    return last;
  }

  record(marketId: string, index: number, mentions: number): void {
    let s = this.series.get(marketId);
    if (!s) this.series.set(marketId, (s = new Map()));
    s.set(index, mentions);
  }

  get size(): number {
    return this.series.size;
  }
}
