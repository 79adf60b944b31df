import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());
  const clock = () => Date.now();

  it('should grant the burst at once, then one token per 1/rate seconds', async () => {
    const bucket = new TokenBucket(10, 3, clock);
    const granted: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 6; i++) void bucket.take().then(() => granted.push(Date.now() - t0));
    await jest.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 0, 0]);
    await jest.advanceTimersByTimeAsync(300);
    expect(granted).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('should serve waiters first-in first-out', async () => {
    const bucket = new TokenBucket(1, 1, clock);
    await bucket.take();
    const order: string[] = [];
    void bucket.take().then(() => order.push('a'));
    void bucket.take().then(() => order.push('b'));
    await jest.advanceTimersByTimeAsync(2000);
    expect(order).toEqual(['a', 'b']);
  });

  it('should drop an aborted waiter from the queue with the abort reason', async () => {
    const bucket = new TokenBucket(1, 1, clock);
    await bucket.take();
    const ctl = new AbortController();
    const aborted = bucket.take(ctl.signal);
    const next = bucket.take();
    ctl.abort(new Error('killed'));
    await expect(aborted).rejects.toThrow('killed');
    expect(bucket.waiting).toBe(1);
    await jest.advanceTimersByTimeAsync(1000);
    await expect(next).resolves.toBeUndefined();
  });

  it('should refuse nonsense settings', () => {
    expect(() => new TokenBucket(0, 1)).toThrow(RangeError);
    expect(() => new TokenBucket(1, 0)).toThrow(RangeError);
  });
});
