import type { MarketRecord, MarketStore } from '@polytrader/persistence';

/**
 * Test and bench helper: the simulator's markets as the collector would store them (all of them, open
 * and closed), written with MarketStore.saveCycle — so hype tests need no collector run.
 */
export async function seedMarketsFromGamma(gammaUrl: string, store: Pick<MarketStore, 'saveCycle'>): Promise<MarketRecord[]> {
  const markets: MarketRecord[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = (await (await fetch(`${gammaUrl}/markets?limit=500&offset=${offset}`)).json()) as Record<string, unknown>[];
    for (const m of page) {
      markets.push({
        id: String(m.id), conditionId: String(m.conditionId), slug: String(m.slug), question: String(m.question), category: null,
        tags: Array.isArray(m.tags) ? (m.tags as { label?: string }[]).map((t) => String(t.label ?? '')).filter(Boolean) : [],
        endDate: typeof m.endDate === 'string' ? m.endDate : null, active: m.active === true, closed: m.closed === true,
        outcomes: JSON.parse(String(m.outcomes)) as string[], tokenIds: JSON.parse(String(m.clobTokenIds)) as string[],
      });
    }
    if (page.length < 500) break;
  }
  const ts = new Date().toISOString();
  await store.saveCycle({ cycleId: `seed-${ts}`, ts, markets, snapshots: [], books: [], prices: [] });
  return markets;
}
