import { BucketPausedError, TokenBucket } from './token-bucket';

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

  describe('pauseFor() / pauseUntil()', () => {
    it('should hold every caller until the pause ends, then serve them in order', async () => {
      const bucket = new TokenBucket(100, 5, clock);
      const t0 = Date.now();
      bucket.pauseFor(1000);
      const granted: number[] = [];
      for (let i = 0; i < 3; i++) void bucket.take().then(() => granted.push(Date.now() - t0));
      await jest.advanceTimersByTimeAsync(999);
      expect(granted).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(granted).toEqual([1000, 1000, 1000]);
      expect(bucket.pausedForMs).toBe(0);
    });

    it('should pause until a wall-clock reset and never shorten a longer pause', async () => {
      const bucket = new TokenBucket(100, 5, clock);
      bucket.pauseUntil(Date.now() + 2000);
      bucket.pauseFor(500);
      expect(bucket.pausedForMs).toBe(2000);
      let done = false;
      void bucket.take().then(() => (done = true));
      await jest.advanceTimersByTimeAsync(1999);
      expect(done).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(done).toBe(true);
    });

    it('should delay a waiter already queued when a pause starts', async () => {
      const bucket = new TokenBucket(1, 1, clock);
      await bucket.take();
      let at = -1;
      const t0 = Date.now();
      void bucket.take().then(() => (at = Date.now() - t0));
      bucket.pauseFor(3000);
      await jest.advanceTimersByTimeAsync(3000);
      expect(at).toBe(3000);
    });

    it('should reject waiters and new takers at once when the pause is longer than it may wait', async () => {
      const bucket = new TokenBucket(1, 1, clock, { maxPauseWaitMs: 1000 });
      await bucket.take();
      const queued = bucket.take();
      bucket.pauseFor(60_000);
      await expect(queued).rejects.toBeInstanceOf(BucketPausedError);
      await expect(bucket.take()).rejects.toMatchObject({ name: 'BucketPausedError', maxWaitMs: 1000 });
      expect(bucket.waiting).toBe(0);
      await jest.advanceTimersByTimeAsync(59_500);
      // the rest of the pause is within what it may wait: it waits
      let done = false;
      void bucket.take().then(() => (done = true));
      await jest.advanceTimersByTimeAsync(500);
      expect(done).toBe(true);
    });

    it('should ignore pauses in the past', async () => {
      const bucket = new TokenBucket(1, 1, clock);
      bucket.pauseUntil(Date.now() - 1000);
      bucket.pauseFor(0);
      expect(bucket.pausedForMs).toBe(0);
      await expect(bucket.take()).resolves.toBeUndefined();
    });
  });
});
