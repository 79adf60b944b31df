import { chunk, mapLimit } from './map-limit';

describe('mapLimit()', () => {
  it('should keep order, cap concurrency and settle every item', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapLimit([5, 1, 3, 2, 4], 2, async (x) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, x));
      inFlight--;
      if (x === 3) throw new Error('three');
      return x * 10;
    });
    expect(peak).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([50, 10, 'three', 20, 40]);
  });

  it('should start nothing new after the signal aborts', async () => {
    const ctl = new AbortController();
    const started: number[] = [];
    const results = await mapLimit([1, 2, 3, 4], 1, async (x) => {
      started.push(x);
      if (x === 2) ctl.abort(new Error('stop'));
      return x;
    }, ctl.signal);
    expect(started).toEqual([1, 2]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
  });

  it('should handle an empty list', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  });
});

describe('chunk()', () => {
  it('should split into pieces of at most n', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });
});
