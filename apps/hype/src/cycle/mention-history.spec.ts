import type { HypeScoreQuery, HypeScoreRecord } from '@polytrader/persistence';
import { MentionHistory } from './mention-history';

const at = (k: number) => new Date(k * 900_000).toISOString();
const row = (marketId: string, k: number, mentions: number): HypeScoreRecord => ({
  marketId, intervalStart: at(k), mentions, mentionsZ: 0, velocity: 0, sentiment: 0, hypeScore: 0,
});

describe('MentionHistory', () => {
  it('should load only markets it does not hold, from the window start, and keep what it records', async () => {
    const queries: HypeScoreQuery[] = [];
    const store = { between: async (q: HypeScoreQuery) => (queries.push(q), [row('a', 10, 3), row('a', 12, 5), row('b', 11, 1)]) };
    const h = new MentionHistory(15);
    await h.ensure(store, ['a', 'b'], 10);
    expect(queries).toEqual([{ marketIds: ['a', 'b'], from: at(10) }]);
    expect([...h.of('a')]).toEqual([[10, 3], [12, 5]]);
    expect(h.last('a')).toBe(12);
    await h.ensure(store, ['a', 'b'], 10);
    expect(queries).toHaveLength(1);
    h.record('c', 20, 7);
    await h.ensure(store, ['a', 'c', 'd'], 10);
    expect(queries[1]).toEqual({ marketIds: ['d'], from: at(10) });
    expect(h.last('c')).toBe(20);
    expect(h.last('zzz')).toBeUndefined();
  });

  it('should forget markets no longer active and intervals before the window', () => {
    const h = new MentionHistory(15);
    h.record('a', 1, 1);
    h.record('a', 5, 2);
    h.record('b', 5, 2);
    h.retain(['a'], 3);
    expect([...h.of('a')]).toEqual([[5, 2]]);
    expect(h.size).toBe(1);
  });
});
