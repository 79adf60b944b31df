import { ApiClient, AppConfig, RateLimitConfig, ServiceMetrics } from '@polytrader/platform';
import type { Logger } from 'pino';

/** The collector's outside APIs, one client (limiter + breaker) each, shared by every caller in the process. */
export class CollectorApis {
  readonly gamma: ApiClient;
  readonly clob: ApiClient;

  constructor(config: AppConfig, logger: Logger, metrics?: ServiceMetrics) {
    const dc = config.data_collection;
    const make = (api: string, baseUrl: string, limit: RateLimitConfig) =>
      new ApiClient({
        api, baseUrl, rate: limit.rps, burst: limit.burst, timeoutMs: dc.request_timeout_ms, maxRetries: dc.max_retries,
        breaker: { errorThresholdPct: dc.breaker.error_threshold_pct, resetTimeoutMs: dc.breaker.reset_timeout_s * 1000, volumeThreshold: dc.breaker.min_requests },
        logger, metrics,
      });
    this.gamma = make('gamma', dc.gamma_api_url, dc.rate_limits.gamma);
    this.clob = make('clob', dc.clob_api_url, dc.rate_limits.clob);
  }

  breakers(): Record<string, string> {
    return { gamma: this.gamma.breakerState, clob: this.clob.breakerState };
  }

  close(): void {
    this.gamma.close();
    this.clob.close();
  }
}
