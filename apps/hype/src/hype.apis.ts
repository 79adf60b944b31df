import { ApiClient, AppConfig, RateLimitConfig, Secrets, ServiceMetrics } from '@polytrader/platform';
import type { Logger } from 'pino';
import type { XClients } from './x/x.fetcher';

/**
 * The hype service's outside APIs, shared by every caller in the process: one client (token bucket +
 * breaker) per X API v2 endpoint — X counts its 15-minute windows per endpoint, and the clients read
 * them from the x-rate-limit-* headers — and one per news feed host. Without X_BEARER_TOKEN there is
 * no X client at all, so no X request can leave.
 */
export class HypeApis {
  readonly x: XClients | null;
  private readonly rss = new Map<string, ApiClient>();

  constructor(private readonly config: AppConfig, secrets: Secrets, private readonly logger: Logger, private readonly metrics?: ServiceMetrics) {
    const h = config.hype;
    const token = secrets.xBearerToken;
    const auth = token ? { authorization: `Bearer ${token}` } : undefined;
    this.x = auth
      ? { counts: this.make('x.counts', h.x_api_url, h.x_rate_limit, auth), search: this.make('x.search', h.x_api_url, h.x_rate_limit, auth) }
      : null;
  }

  /** The client of a feed's host (created on first use). */
  rssClientFor(feedUrl: string): ApiClient {
    const u = new URL(feedUrl);
    const api = `rss:${u.host}`;
    let client = this.rss.get(api);
    if (!client) {
      client = this.make(api, u.origin, this.config.hype.rss_rate_limit);
      this.rss.set(api, client);
    }
    return client;
  }

  breakers(): Record<string, string> {
    const out: Record<string, string> = {};
    if (this.x) {
      out[this.x.counts.api] = this.x.counts.breakerState;
      out[this.x.search.api] = this.x.search.breakerState;
    }
    for (const [api, c] of this.rss) out[api] = c.breakerState;
    return out;
  }

  stats(): Record<string, unknown>[] {
    return [...(this.x ? [this.x.counts, this.x.search] : []), ...this.rss.values()].map((c) => ({ ...c.stats() }));
  }

  close(): void {
    this.x?.counts.close();
    this.x?.search.close();
    for (const c of this.rss.values()) c.close();
  }

  private make(api: string, baseUrl: string, limit: RateLimitConfig, headers?: Record<string, string>): ApiClient {
    const h = this.config.hype;
    return new ApiClient({
      api, baseUrl, rate: limit.rps, burst: limit.burst, timeoutMs: h.request_timeout_ms, maxRetries: h.max_retries,
      maxRetryAfterMs: h.max_rate_limit_wait_s * 1000, rateLimitHeaders: api.startsWith('x.'), headers,
      breaker: { errorThresholdPct: h.breaker.error_threshold_pct, resetTimeoutMs: h.breaker.reset_timeout_s * 1000, volumeThreshold: h.breaker.min_requests },
      logger: this.logger, metrics: this.metrics,
    });
  }
}
