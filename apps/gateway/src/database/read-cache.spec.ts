import { ReadCache } from './read-cache';

describe('ReadCache', () => {
  let clock = 0;
  const now = () => clock;

  it('should run one load for concurrent identical reads and serve its answer until ttl passes', async () => {
    const cache = new ReadCache(1000, 10, now);
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    clock += 999;
    expect(await cache.get('k', load)).toBe(1);
    clock += 1;
    expect(await cache.get('k', load)).toBe(2);
    expect(await cache.get('other', load)).toBe(3);
  });

  it('should not keep a failed read', async () => {
    const cache = new ReadCache(1000, 10, now);
    await expect(cache.get('k', () => Promise.reject(new Error('busy')))).rejects.toThrow('busy');
    expect(await cache.get('k', async () => 'ok')).toBe('ok');
  });

  it('should forget the oldest key beyond its size', async () => {
    const cache = new ReadCache(60_000, 2, now);
    let loads = 0;
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => ++loads);
    await cache.get('a', async () => ++loads);
    expect(loads).toBe(4);
  });
});
