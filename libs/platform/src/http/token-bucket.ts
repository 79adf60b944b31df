/**
 * A token bucket shared by every caller of one API: `rate` tokens per second, up to `burst`
 * banked. Waiters are served in FIFO order; an aborted waiter leaves the queue at once.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly queue: { resolve: () => void; reject: (e: unknown) => void; signal?: AbortSignal; onAbort?: () => void }[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    readonly rate: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(rate > 0) || !(burst >= 1)) throw new RangeError(`token bucket needs rate > 0 and burst >= 1, got ${rate}/${burst}`);
    this.tokens = burst;
    this.last = now();
  }

  /** Resolves when a token is granted; rejects with the signal's reason if aborted first. */
  take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject, signal, onAbort: undefined as (() => void) | undefined };
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

  get waiting(): number {
    return this.queue.length;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    const waitMs = Math.max(0, ((1 - this.tokens) / this.rate) * 1000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, Math.ceil(waitMs));
    // Waiters are kept alive by whoever awaits them; the refill timer alone must not hold the process.
    this.timer.unref();
  }

  private drain(): void {
    this.refill();
    while (this.queue.length && this.tokens >= 1) {
      this.tokens -= 1;
      const w = this.queue.shift()!;
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      w.resolve();
    }
    this.schedule();
  }
}
