/** A take() refused because the bucket is paused for longer than its owner is willing to wait. */
export class BucketPausedError extends Error {
  override readonly name = 'BucketPausedError';
  constructor(readonly resumeInMs: number, readonly maxWaitMs: number) {
    super(`paused for another ${Math.ceil(resumeInMs)} ms, more than the ${maxWaitMs} ms we wait`);
  }
}

export interface TokenBucketOptions {
  /**
   * A pause longer than this is not waited for: waiters are rejected with BucketPausedError and so is
   * every take() until the pause is shorter again. Default: wait however long.
   */
  readonly maxPauseWaitMs?: number;
}

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * A token bucket shared by every caller of one API: `rate` tokens per second, up to `burst`
 * banked. Waiters are served in FIFO order; an aborted waiter leaves the queue at once.
 * `pauseFor` / `pauseUntil` hold every caller until a server-announced reset (X's 15-minute
 * windows): tokens keep refilling meanwhile, so a fresh window starts with the burst.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  /** on the bucket's clock; -Infinity = not paused */
  private pausedUntil = -Infinity;
  private readonly queue: Waiter[] = [];
  private timer?: NodeJS.Timeout;
  private readonly maxPauseWaitMs: number;

  constructor(
    readonly rate: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
    options: TokenBucketOptions = {},
  ) {
    if (!(rate > 0) || !(burst >= 1)) throw new RangeError(`token bucket needs rate > 0 and burst >= 1, got ${rate}/${burst}`);
    this.tokens = burst;
    this.last = now();
    this.maxPauseWaitMs = options.maxPauseWaitMs ?? Infinity;
  }

  /** Resolves when a token is granted; rejects with the signal's reason if aborted first. */
  take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const paused = this.pausedForMs;
    if (paused > this.maxPauseWaitMs) return Promise.reject(new BucketPausedError(paused, this.maxPauseWaitMs));
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1 && paused === 0) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.schedule();
    });
  }

  /**
   * Grants nothing for the next `ms` (on the bucket's clock). Extends a running pause, never
   * shortens it. A pause longer than `maxPauseWaitMs` rejects the current waiters at once.
   */
  pauseFor(ms: number): void {
    if (!(ms > 0)) return;
    const until = this.now() + ms;
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    if (ms > this.maxPauseWaitMs) {
      for (const w of this.queue.splice(0)) {
        this.detach(w);
        w.reject(new BucketPausedError(ms, this.maxPauseWaitMs));
      }
    }
    this.reschedule();
  }

  /** Pauses until a wall-clock time (epoch ms), e.g. X's `x-rate-limit-reset` × 1000. */
  pauseUntil(epochMs: number, wallNow: number = Date.now()): void {
    this.pauseFor(epochMs - wallNow);
  }

  /** How long the current pause still lasts (0 when not paused). */
  get pausedForMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  get waiting(): number {
    return this.queue.length;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
  }

  private reschedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    const tokenWaitMs = Math.max(0, ((1 - this.tokens) / this.rate) * 1000);
    const waitMs = Math.max(tokenWaitMs, this.pausedForMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, Math.ceil(waitMs));
    // Waiters are kept alive by whoever awaits them; the refill timer alone must not hold the process.
    this.timer.unref();
  }

  private drain(): void {
    this.refill();
    if (this.pausedForMs > 0) return this.schedule();
    while (this.queue.length && this.tokens >= 1) {
      this.tokens -= 1;
      const w = this.queue.shift()!;
      this.detach(w);
      w.resolve();
    }
    this.schedule();
  }

  private detach(w: Waiter): void {
    if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
  }
}
