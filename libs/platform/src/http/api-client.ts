import CircuitBreaker from 'opossum';
import type { Logger } from 'pino';
import { BackoffPolicy, parseRetryAfter, retryDelayMs, sleep } from './backoff';
import {
  ApiCallError, CallAbortedError, CircuitOpenError, HttpStatusError, MalformedResponseError, NetworkError, RateLimitedError,
  RequestTimeoutError,
} from './errors';
import { ApiMetrics, apiMetrics } from '../metrics/platform-families';
import type { ServiceMetrics } from '../metrics/service-metrics';
import { BucketPausedError, TokenBucket } from './token-bucket';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface ApiClientOptions {
  /** the API's name: one limiter and one breaker per name, shared by all callers */
  readonly api: string;
  readonly baseUrl: string;
  readonly rate: number;
  readonly burst: number;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly backoff?: BackoffPolicy;
  /** a Retry-After longer than this is not waited for: the call fails and the cycle moves on */
  readonly maxRetryAfterMs?: number;
  readonly breaker: { readonly errorThresholdPct: number; readonly resetTimeoutMs: number; readonly volumeThreshold: number };
  readonly headers?: Readonly<Record<string, string>>;
  readonly logger?: Logger;
  /**
   * X-style window headers: read `x-rate-limit-remaining` / `x-rate-limit-reset` on every response
   * and, when remaining reaches 0 (or a 429 names a reset), pause the shared token bucket until the
   * reset. A reset further away than `maxRetryAfterMs` is not waited for: calls fail at once with
   * RateLimitedError (no request leaves) until the window is near.
   */
  readonly rateLimitHeaders?: boolean;
  /** the process's registry: request latency, errors and 429s per host, rate-limiter waits */
  readonly metrics?: ServiceMetrics;
}

export type QueryParams = Record<string, string | number | boolean | undefined>;

export interface ApiResponse<T> {
  readonly data: T;
  readonly status: number;
  readonly headers: Headers;
}

export interface ApiClientStats {
  readonly api: string;
  readonly breaker: BreakerState;
  readonly requests: number;
  readonly retries: number;
  readonly failures: number;
  readonly waiting: number;
  /** ms until a rate-limit pause ends (0 when not paused) */
  readonly pausedMs: number;
}

type BodyKind = 'json' | 'text';

interface Request {
  readonly method: string;
  readonly url: string;
  readonly body?: string;
  readonly kind: BodyKind;
  readonly accept: string;
}

type Attempt = () => Promise<ApiResponse<unknown>>;

const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
/** polytrader_api_errors_total kinds (an abort is the caller's decision, not an error of the API) */
const COUNTED_ERROR_KINDS: readonly ApiCallError['kind'][] = ['http', 'timeout', 'network', 'malformed', 'circuit_open', 'rate_limited'];

/**
 * One outside API: every call waits for the shared token bucket, goes through the API's opossum
 * breaker, times out, and is retried with jittered exponential backoff that honours Retry-After.
 * 5xx, timeouts, network errors and garbage bodies count against the breaker; 4xx (429 included)
 * do not — a busy host is not a broken one.
 */
export class ApiClient {
  readonly limiter: TokenBucket;
  private readonly breaker: CircuitBreaker<[Attempt], ApiResponse<unknown>>;
  private counts = { requests: 0, retries: 0, failures: 0 };
  private readonly metrics?: ApiMetrics;

  constructor(private readonly options: ApiClientOptions) {
    this.limiter = new TokenBucket(options.rate, options.burst, undefined, { maxPauseWaitMs: options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS });
    this.breaker = new CircuitBreaker((attempt: Attempt) => attempt(), {
      name: options.api,
      timeout: false,
      errorThresholdPercentage: options.breaker.errorThresholdPct,
      resetTimeout: options.breaker.resetTimeoutMs,
      volumeThreshold: options.breaker.volumeThreshold,
      rollingCountTimeout: 10_000,
      errorFilter: (err: unknown) => !(err instanceof ApiCallError && err.hostFault),
    });
    const log = (state: string) => () => options.logger?.warn({ metrics: { api: options.api, breaker: state } }, `${options.api} circuit breaker ${state}`);
    this.breaker.on('open', log('open'));
    this.breaker.on('halfOpen', log('half_open'));
    this.breaker.on('close', log('closed'));
    if (options.metrics) {
      this.metrics = apiMetrics(options.metrics);
      // zero series from the start, so a rate() over errors and 429s works before the first one
      const host = hostOf(options.baseUrl);
      for (const kind of COUNTED_ERROR_KINDS) this.metrics.errors.inc({ api: options.api, host, kind }, 0);
      this.metrics.rateLimited.inc({ api: options.api, host }, 0);
    }
  }

  get api(): string {
    return this.options.api;
  }

  get breakerState(): BreakerState {
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half_open' : 'closed';
  }

  /** Stops the breaker's rolling-window timer; the client is unusable afterwards. */
  close(): void {
    this.breaker.shutdown();
  }

  stats(): ApiClientStats {
    return { api: this.api, breaker: this.breakerState, ...this.counts, waiting: this.limiter.waiting, pausedMs: Math.round(this.limiter.pausedForMs) };
  }

  getJson<T = unknown>(path: string, query?: QueryParams, signal?: AbortSignal): Promise<ApiResponse<T>> {
    return this.call<T>({ method: 'GET', url: this.url(path, query), kind: 'json', accept: 'application/json' }, signal);
  }

  postJson<T = unknown>(path: string, body: unknown, signal?: AbortSignal): Promise<ApiResponse<T>> {
    return this.call<T>({ method: 'POST', url: this.url(path), body: JSON.stringify(body), kind: 'json', accept: 'application/json' }, signal);
  }

  /** GET a text body (RSS/Atom XML, …): same limiter, breaker, timeout and retries; any 2xx body is accepted. */
  getText(path: string, query?: QueryParams, signal?: AbortSignal, accept = '*/*'): Promise<ApiResponse<string>> {
    return this.call<string>({ method: 'GET', url: this.url(path, query), kind: 'text', accept }, signal);
  }

  /** `path` is appended to the base URL; an absolute http(s) URL is used as it is. */
  url(path: string, query?: QueryParams): string {
    const u = new URL(/^https?:\/\//i.test(path) ? path : this.options.baseUrl.replace(/\/+$/, '') + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.append(k, String(v));
    return u.toString();
  }

  private async call<T>(req: Request, signal?: AbortSignal): Promise<ApiResponse<T>> {
    const { maxRetries, backoff = { baseMs: 200, maxMs: 10_000 }, maxRetryAfterMs = DEFAULT_MAX_RETRY_AFTER_MS } = this.options;
    const { method, url } = req;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.takeToken(url, signal);
        this.counts.requests++;
        return (await this.breaker.fire(() => this.once(req, signal))) as ApiResponse<T>;
      } catch (raw) {
        const err = this.classify(raw, url, signal);
        if (err.kind !== 'aborted') this.metrics?.errors.inc({ api: this.api, host: hostOf(url), kind: err.kind });
        if (!err.retryable || attempt > maxRetries) {
          this.counts.failures++;
          throw err;
        }
        const retryAfter = err instanceof HttpStatusError ? err.retryAfterMs : null;
        if (retryAfter !== null && retryAfter > maxRetryAfterMs) {
          this.counts.failures++;
          throw new RateLimitedError(this.api, url, `asked to wait ${retryAfter} ms, more than ${maxRetryAfterMs} ms`, { cause: err });
        }
        this.counts.retries++;
        const delay = retryDelayMs(attempt, backoff, retryAfter);
        this.options.logger?.debug({ metrics: { api: this.api, attempt, delayMs: Math.round(delay), error: err.kind } }, `retrying ${method} ${url}`);
        try {
          await sleep(delay, signal);
        } catch {
          throw new CallAbortedError(this.api, url, 'aborted while backing off');
        }
      }
    }
  }

  /** A token from the shared bucket; a pause longer than we wait fails the call without a request. */
  private async takeToken(url: string, signal?: AbortSignal): Promise<void> {
    const waited = this.metrics?.limiterWait.startTimer({ api: this.api });
    try {
      await this.limiter.take(signal);
      waited?.();
    } catch (err) {
      if (err instanceof BucketPausedError) {
        throw new RateLimitedError(this.api, url, `rate-limit window spent; it resets in ${Math.ceil(err.resumeInMs / 1000)} s, more than the ${err.maxWaitMs} ms we wait`, { cause: err });
      }
      throw err;
    }
  }

  private async once(req: Request, signal?: AbortSignal): Promise<ApiResponse<unknown>> {
    const { method, url, body } = req;
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: Response;
    let text: string;
    const timed = this.metrics?.duration.startTimer({ api: this.api, host: hostOf(url) });
    try {
      res = await fetch(url, {
        method,
        body,
        signal: combined,
        headers: { accept: req.accept, ...(body ? { 'content-type': 'application/json' } : {}), ...this.options.headers },
      });
      text = await res.text();
    } catch (err) {
      timed?.({ status: 'none' });
      throw this.classify(err, url, signal, timeout);
    }
    timed?.({ status: String(res.status) });
    if (res.status === 429) this.metrics?.rateLimited.inc({ api: this.api, host: hostOf(url) });
    if (this.options.rateLimitHeaders) this.observeWindow(res.status, res.headers);
    if (!res.ok) throw new HttpStatusError(this.api, url, res.status, text, retryAfterOf(res.headers));
    if (req.kind === 'text') return { data: text, status: res.status, headers: res.headers };
    try {
      return { data: JSON.parse(text) as unknown, status: res.status, headers: res.headers };
    } catch (err) {
      throw new MalformedResponseError(this.api, url, `body is not JSON: ${text.slice(0, 80)}`, { cause: err });
    }
  }

  /** X's window headers: remaining 0 (or a 429 with a reset) pauses every caller until the reset. */
  private observeWindow(status: number, headers: Headers): void {
    const resetMs = rateLimitResetMs(headers);
    if (resetMs === null) return;
    const remaining = headers.get('x-rate-limit-remaining');
    const spent = status === 429 || (remaining !== null && /^\s*0+\s*$/.test(remaining));
    const waitMs = resetMs - Date.now();
    if (!spent || waitMs <= 0) return;
    const wasPaused = this.limiter.pausedForMs > 0;
    this.limiter.pauseUntil(resetMs);
    if (!wasPaused) {
      this.options.logger?.warn(
        { metrics: { api: this.api, status, resetAt: new Date(resetMs).toISOString(), waitMs: Math.round(waitMs) } },
        `${this.api} rate-limit window spent: every call waits until ${new Date(resetMs).toISOString()}`,
      );
    }
  }

  private classify(err: unknown, url: string, signal?: AbortSignal, timeout?: AbortSignal): ApiCallError {
    if (err instanceof ApiCallError) return err;
    if (signal?.aborted) return new CallAbortedError(this.api, url, 'aborted', { cause: err });
    if ((err as { code?: string })?.code === 'EOPENBREAKER') return new CircuitOpenError(this.api, url, 'circuit breaker open', { cause: err });
    if (timeout?.aborted || (err as Error)?.name === 'TimeoutError') {
      return new RequestTimeoutError(this.api, url, `no answer within ${this.options.timeoutMs} ms`, { cause: err });
    }
    return new NetworkError(this.api, url, (err as Error)?.message ?? String(err), { cause: err });
  }
}

/** X's `x-rate-limit-reset` (epoch seconds) as epoch ms; null when absent or unreadable. */
export function rateLimitResetMs(headers: Headers): number | null {
  const reset = headers.get('x-rate-limit-reset')?.trim();
  return reset && /^\d+$/.test(reset) ? Number(reset) * 1000 : null;
}

/** Retry-After (seconds or date), else X's x-rate-limit-reset (epoch seconds) on a 429. */
export function retryAfterOf(headers: Headers, now: number = Date.now()): number | null {
  const ra = parseRetryAfter(headers.get('retry-after'), now);
  if (ra !== null) return ra;
  const reset = headers.get('x-rate-limit-reset');
  return reset && /^\d+$/.test(reset) ? Math.max(0, Number(reset) * 1000 - now) : null;
}

/** The host of a request URL, the per-host label of the API families. */
function hostOf(url: string): string {
  const m = /^[a-z]+:\/\/([^/?#]+)/i.exec(url);
  return m ? m[1] : 'unknown';
}
