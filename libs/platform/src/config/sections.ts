import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsString, IsUrl, Matches, Max, Min,
  MinLength, IsNegative, ValidateNested, registerDecorator, type ValidationArguments, type ValidationOptions,
} from 'class-validator';
import { IsClockTime, IsNumberRecord, IsStringListRecord, IsTimeZone } from './validators';

const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const natsUrl = { require_tld: false, require_protocol: true, protocols: ['nats', 'tls', 'ws', 'wss'] };
/** A five-field cron expression; checked for shape here, scheduled by the owning service. */
const CRON = /^(\S+\s+){4}\S+$/;

/** A token bucket for one outside API: sustained requests per second and the burst it may bank. */
export class RateLimitConfig {
  @IsNumber() @Min(0.01) @Max(10000) rps!: number;
  @IsInt() @Min(1) @Max(100000) burst!: number;
  constructor(rps = 10, burst = 20) {
    this.rps = rps;
    this.burst = burst;
  }
}

export class RateLimitsConfig {
  /** Polymarket documents Gamma /markets at 300 requests / 10 s; we stay well below. */
  @ValidateNested() @Type(() => RateLimitConfig) gamma = new RateLimitConfig(10, 20);
  /** CLOB /book 1,500 / 10 s, /books 500 / 10 s, price history lower: 20/s leaves headroom. */
  @ValidateNested() @Type(() => RateLimitConfig) clob = new RateLimitConfig(20, 40);
}

/** One opossum breaker per API host: opens when this share of recent calls failed. */
export class BreakerConfig {
  @IsNumber() @Min(1) @Max(100) error_threshold_pct = 50;
  @IsInt() @Min(1) @Max(3600) reset_timeout_s = 30;
  @IsInt() @Min(1) @Max(1000) min_requests = 5;
}

export class DataCollectionConfig {
  @IsInt() @Min(1) @Max(1440) interval_minutes = 15;
  /** run one cycle right after start, before the first slot of the grid */
  @IsBoolean() run_at_start = true;
  @IsUrl(url) gamma_api_url = 'https://gamma-api.polymarket.com';
  @IsUrl(url) clob_api_url = 'https://clob.polymarket.com';
  @IsInt() @Min(1) @Max(500) page_size = 100;
  @IsInt() @Min(1) @Max(500) books_batch_size = 100;
  @IsInt() @Min(1) @Max(64) concurrency = 8;
  @IsNumber() @Min(0.01) @Max(30) history_days = 1;
  @IsInt() @Min(1) @Max(1440) history_fidelity_minutes = 15;
  /** new markets whose history is fetched per cycle; the rest wait for the next cycles */
  @IsInt() @Min(0) @Max(10000) history_backfill_per_cycle = 100;
  @IsInt() @Min(0) @Max(10) max_retries = 4;
  @IsInt() @Min(100) @Max(120000) request_timeout_ms = 10000;
  @ValidateNested() @Type(() => RateLimitsConfig) rate_limits = new RateLimitsConfig();
  @ValidateNested() @Type(() => BreakerConfig) breaker = new BreakerConfig();
}

/** The hype service (apps/hype): X API v2 mention counts and posts, RSS/Atom news, hype score per market and interval. */
export class HypeConfig {
  @IsUrl(url) x_api_url = 'https://api.x.com';
  @IsInt() @Min(1) @Max(1440) interval_minutes = 15;
  /** run one cycle right after start, before the first slot of the grid */
  @IsBoolean() run_at_start = true;
  @IsArray() @IsUrl(url, { each: true }) @ArrayUnique() rss_feeds: string[] = [];
  @IsObject() @IsStringListRecord() queries: Record<string, string[]> = {};
  @IsInt() @Min(2) @Max(1000) baseline_intervals = 96;
  /** intervals of mention counts fetched for a market seen the first time (one request; X keeps 7 days) */
  @IsInt() @Min(0) @Max(671) backfill_intervals = 96;
  /** posts per market and interval fetched for sentiment (X allows 10..100 per page) */
  @IsInt() @Min(10) @Max(100) search_max_results = 100;
  @IsInt() @Min(1) @Max(64) concurrency = 8;
  @IsInt() @Min(0) @Max(10) max_retries = 3;
  @IsInt() @Min(100) @Max(120000) request_timeout_ms = 10000;
  /** a spent X window (or a Retry-After) ending later than this is not waited for: those calls fail and the cycle goes on */
  @IsInt() @Min(0) @Max(900) max_rate_limit_wait_s = 60;
  /** per X endpoint (counts, search); X's own 15-minute windows are read from its x-rate-limit-* headers */
  @ValidateNested() @Type(() => RateLimitConfig) x_rate_limit = new RateLimitConfig(5, 10);
  /** per feed host */
  @ValidateNested() @Type(() => RateLimitConfig) rss_rate_limit = new RateLimitConfig(1, 5);
  @ValidateNested() @Type(() => BreakerConfig) breaker = new BreakerConfig();
}

export class AnalysisConfig {
  @IsString() @Matches(CRON, { message: 'must be a five-field cron expression' }) schedule = '0 3 * * *';
  @IsInt() @Min(1) @Max(24) max_lag = 5;
  @IsInt() @Min(10) @Max(100000) min_points = 50;
  @IsNumber() @Min(0) @Max(0.5) outcome_sum_tolerance = 0.02;
  @IsInt() @Min(1) @Max(1000) stale_after_cycles = 4;
  @IsNumber() @Min(1) @Max(100) spike_z = 6;
  /** Days of aligned price/hype history the correlation run reads (docs/analysis.md). */
  @IsInt() @Min(1) @Max(365) lookback_days = 14;
  /** Half-width of the depth/imbalance band around mid, in bps of the $1 payout (100 = 1 cent). */
  @IsInt() @Min(1) @Max(10000) depth_bps = 200;
  /** USDC of a market order walked through the stored book levels for the price-impact estimate. */
  @IsNumber() @Min(1) @Max(10000000) impact_notional = 100;
  /** Grid intervals (the last N) over which realized volatility is measured; the figure is per day. */
  @IsInt() @Min(3) @Max(100000) volatility_intervals = 96;
  /** A scheduled run missed while the analyzer was down (or none stored yet) runs this long after start. */
  @IsInt() @Min(0) @Max(86400) catch_up_delay_s = 120;
}

/** The signals service (apps/signals): rules, eligibility and cooldown — see docs/signals.md. */
export class SignalsConfig {
  /** relative volume ratio (interval volume over its trailing 24 h mean) that confirms a move */
  @IsNumber() @Min(1) @Max(100) rvr_threshold = 2;
  /** intervals over which the rates of change of price and hype are taken */
  @IsInt() @Min(1) @Max(1000) roc_window = 4;
  /** change of the hype score over roc_window intervals that triggers a signal (hype-score units) */
  @IsNumber() @Min(0.01) @Max(100) hype_roc_threshold = 1;
  /** STRONG needs |hype ROC| ≥ this multiple of hype_roc_threshold (and the RVR confirmation) */
  @IsNumber() @Min(1) @Max(100) strong_roc_multiple = 2;
  /** no entry once the price has already moved this much (relative) the expected way over roc_window */
  @IsNumber() @Min(0) @Max(10) max_price_roc = 0.1;
  @IsNumber() @Min(0) @Max(1) max_p_value = 0.05;
  /** the analysis's pearson (hype vs the next price change) gives the direction; a smaller |pearson| gives none */
  @IsNumber() @Min(0) @Max(1) min_abs_pearson = 0.1;
  /** an analysis older than this makes a market ineligible */
  @IsNumber() @Min(1) @Max(8760) max_analysis_age_h = 48;
  @IsInt() @Min(0) @Max(10080) cooldown_minutes = 60;
  @IsNumber() @Min(0) @Max(8760) no_entry_before_resolution_h = 24;
  /** daily rebalancing suggestions (signal.rebalance) at this UTC time */
  @IsClockTime() rebalance_at = '19:30';
}

/** Sizing of signals (fractional Kelly and exposure caps) — see docs/signals.md. */
export class PortfolioConfig {
  @IsNumber() @Min(1) initial_equity = 1000;
  @IsNumber() @Min(0) @Max(1) kelly_fraction = 0.25;
  /** believed edge at confidence 1, as a share of the way from the price to 1 (Kelly's p = price + confidence·max_edge·(1 − price)) */
  @IsNumber() @Min(0) @Max(1) max_edge = 0.1;
  @IsNumber() @Min(0) @Max(100) max_position_pct = 5;
  @IsNumber() @Min(0) @Max(100) max_total_exposure_pct = 50;
  @IsObject() @IsNumberRecord(0, 100) sector_limits: Record<string, number> = {};
  /** a rebalancing suggestion needs the target to differ from the position by at least this % */
  @IsNumber() @Min(0) @Max(100) rebalance_min_change_pct = 10;
}

/** A dated event that blocks new entries (like a resolution date) for the markets it names. */
export class CalendarEventConfig {
  @IsString() @MinLength(1) name!: string;
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date or date-time such as 2026-11-03 or 2026-11-03T15:00:00Z' }) date!: string;
  /** Gamma market ids affected; with `tags` empty too, the event concerns every market */
  @IsArray() @IsString({ each: true }) market_ids: string[] = [];
  /** markets carrying any of these tags (or category) are affected, case-insensitive */
  @IsArray() @IsString({ each: true }) tags: string[] = [];
}

/** The market calendar: resolution dates come from Gamma; these are the extra events. */
export class CalendarConfig {
  @IsArray() @ValidateNested({ each: true }) @Type(() => CalendarEventConfig) events: CalendarEventConfig[] = [];
}

export class RiskConfig {
  /** Percent of equity at the start of the trading day; -5 means stop at a 5 % daily loss. */
  @IsNumber() @IsNegative({ message: 'must be a negative number (percent of start-of-day equity)' }) @Min(-100) daily_loss_limit = -5;
  @IsNumber() @IsNegative({ message: 'must be a negative number (percent below the equity high-water mark)' }) @Min(-100) max_drawdown = -15;
  @IsNumber() @Min(0.1) @Max(0.99) warning_threshold = 0.8;
  @IsInt() @Min(1) @Max(1000) max_open_positions = 10;
  @IsInt() @Min(1) @Max(100) max_consecutive_execution_errors = 3;
  @IsNumber() @Min(0) min_liquidity = 1000;
  @IsInt() @Min(1) @Max(1440) max_data_age_minutes = 30;
  @IsTimeZone() timezone = 'UTC';
  /** USDC on the book side an entry takes (Σ price × size of the stored levels); less → reject. */
  @IsNumber() @Min(0) min_book_depth = 50;
}

export class ExecutionConfig {
  /** The only venue is the paper broker; a live Polymarket CLOB venue would add its value here. */
  @IsIn(['paper'], { message: 'must be paper: the paper broker is the only execution venue (no live Polymarket venue exists)' }) mode: 'paper' = 'paper';
  @IsNumber() @Min(0) @Max(1000) fee_bps = 0;
  @IsNumber() @Min(0) @Max(100) stop_loss_pct = 20;
  @IsNumber() @Min(0) @Max(1000) take_profit_pct = 50;
  /**
   * The paper broker takes no level priced more than this % worse than the best (the rest is a partial fill),
   * and the signals sizer counts book depth within the same bound — so it sizes to what would fill.
   */
  @IsNumber() @Min(0) @Max(100) max_slippage_pct = 5;
}

export const ALERT_MODES = ['on', 'silent', 'off'] as const;
/** on = a normal message; silent = delivered without a notification sound; off = not sent. */
export type AlertMode = (typeof ALERT_MODES)[number];

/** Per alert kind: on, silent or off (docs/notifier.md lists what each kind covers). */
export class AlertKindsConfig {
  @IsIn(ALERT_MODES) signal: AlertMode = 'on';
  @IsIn(ALERT_MODES) risk_warning: AlertMode = 'on';
  @IsIn(ALERT_MODES) rejections: AlertMode = 'silent';
  @IsIn(ALERT_MODES) trade_opened: AlertMode = 'on';
  @IsIn(ALERT_MODES) trade_closed: AlertMode = 'on';
  @IsIn(ALERT_MODES) health: AlertMode = 'on';
  @IsIn(ALERT_MODES) emergency: AlertMode = 'on';
  @IsIn(ALERT_MODES) reset: AlertMode = 'on';
  @IsIn(ALERT_MODES) daily_summary: AlertMode = 'on';
}

export class AlertsConfig {
  @IsUrl(url) telegram_api_root = 'https://api.telegram.org';
  @IsArray() @IsInt({ each: true }) @ArrayUnique() admin_chat_ids: number[] = [];
  /**
   * Telegram user ids (the sender, not the chat) allowed to send /kill, /reset and /reduce, from a chat in
   * admin_chat_ids. Empty = nobody may (fail closed; a warning at start).
   */
  @IsArray() @IsInt({ each: true }) @ArrayUnique() admin_user_ids: number[] = [];
  /** a /reset or /reduce --off older than this (Telegram's message date) is ignored, with a reply saying so */
  @IsInt() @Min(1) @Max(86400) command_max_age_s = 60;
  @IsArray() @IsInt({ each: true }) @ArrayUnique() chat_ids: number[] = [];
  @IsIn(['WEAK', 'MODERATE', 'STRONG']) min_signal_strength: 'WEAK' | 'MODERATE' | 'STRONG' = 'STRONG';
  @IsClockTime() daily_summary_at = '20:00';
  @ValidateNested() @Type(() => AlertKindsConfig) kinds = new AlertKindsConfig();
  /** risk.rejected events are summarized: one message per this many seconds at most */
  @IsInt() @Min(1) @Max(86400) rejection_summary_s = 3600;
  /** Telegram allows about 1 message per second per chat and 30 per second overall */
  @IsNumber() @Min(0.01) @Max(30) per_chat_per_second = 1;
  @IsNumber() @Min(0.1) @Max(30) global_per_second = 30;
  /** network errors and 5xx are retried with exponential backoff up to this delay, for as long as it takes */
  @IsInt() @Min(1) @Max(3600) max_backoff_s = 60;
  @IsInt() @Min(100) @Max(120000) request_timeout_ms = 10000;
}

export class GatewayConfig {
  @IsString() @MinLength(1) host = '0.0.0.0';
  @IsInt() @Min(1) @Max(65535) port = 8080;
  /** the live stream's keep-alive comment, so proxies and browsers keep an idle connection open */
  @IsInt() @Min(1) @Max(300) stream_keepalive_s = 15;
  /** unread bytes a stream client may leave in its socket buffer before it is dropped */
  @IsInt() @Min(1024) @Max(67_108_864) stream_client_buffer_bytes = 1_048_576;
  /** stored events one reconnect may replay per stream; beyond it the client is told to reload */
  @IsInt() @Min(1) @Max(1_000_000) stream_catchup_max = 10_000;
}

export class LoggingConfig {
  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal']) level = 'info';
  @IsString() @MinLength(1) dir = 'logs';
  @IsBoolean() file = true;
  @IsString() @Matches(/^\d+[kmg]$/, { message: 'must be a size such as 10m' }) file_max_size = '10m';
  @IsInt() @Min(1) @Max(100) file_count = 5;
}

export class BusConfig {
  @IsUrl(natsUrl) url = 'nats://127.0.0.1:4222';
  @IsInt() @Min(50) @Max(60000) heartbeat_interval_ms = 2000;
  /** every service's Prometheus registry is published to the gateway this often (system.metrics.<service>) */
  @IsInt() @Min(100) @Max(300000) metrics_interval_ms = 10000;
  @IsInt() @Min(1) @Max(100) max_deliveries = 5;
  @IsInt() @Min(1) @Max(3600) ack_wait_s = 30;
}

/** Storage: a thinning age must be below the deletion age when both are on (0 = off). */
function IsBelowRetention(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBelowRetention',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [other],
      options: {
        message: (a: ValidationArguments) =>
          `must be less than ${other} (${String((a.object as Record<string, unknown>)[other])}) unless either is 0`,
        ...options,
      },
      validator: {
        validate: (value: unknown, a: ValidationArguments) => {
          const limit = (a.object as Record<string, unknown>)[other];
          return typeof value !== 'number' || typeof limit !== 'number' || value === 0 || limit === 0 || value < limit;
        },
      },
    });
}

export class StorageConfig {
  /** SQLite file path, or a postgres:// URL. */
  @IsString() @MinLength(1) url = 'data/polytrader.sqlite';
  @IsInt() @Min(1) @Max(3650) snapshot_retention_days = 90;
  /*
   * Retention of the other growing tables, in days; 0 = kept forever. Applied by the weekly maintenance in
   * batches of retention_batch_size rows (docs/architecture.md, Retention).
   */
  /** older price history keeps one point per token and UTC hour (the earliest); above analysis.lookback_days */
  @IsInt() @Min(0) @Max(3650) @IsBelowRetention('price_history_retention_days') price_history_hourly_after_days = 30;
  /** older price history is deleted, except for tokens with an open position */
  @IsInt() @Min(0) @Max(3650) price_history_retention_days = 365;
  /** delivered/failed alerts; at least the RISK stream's 90 days, so a redelivered event is still recognized */
  @IsInt() @Min(0) @Max(3650) alert_retention_days = 90;
  /** risk rejections never summarized (the notifier was down) */
  @IsInt() @Min(0) @Max(3650) rejection_retention_days = 30;
  /** signals without an order (an order's signal and decision are kept with the journal) */
  @IsInt() @Min(0) @Max(3650) signal_retention_days = 180;
  /** risk decisions without an order */
  @IsInt() @Min(0) @Max(3650) risk_decision_retention_days = 180;
  /** market_analysis and market_microstructure rows, except each market's (token's) newest */
  @IsInt() @Min(0) @Max(3650) analysis_retention_days = 90;
  /** stage_timings rows (the profiler's per-stage cycle timings) */
  @IsInt() @Min(0) @Max(3650) stage_timing_retention_days = 30;
  /** rows deleted per write transaction: a big delete never holds the SQLite write lock for long */
  @IsInt() @Min(100) @Max(100000) retention_batch_size = 2000;
  /** weekly maintenance slot (UTC): weekday 0 = Sunday … 6 = Saturday, and time of day */
  @IsInt() @Min(0) @Max(6) optimize_weekday = 0;
  @IsClockTime() optimize_at = '04:00';
}

/** A budget key: `<cycle>.<stage>`. */
const STAGE_KEY = /^[a-z][a-z0-9_]*(\.[a-z0-9_-]+)+$/;

/**
 * Budgets of `polytrader profile` (docs/profiler.md): milliseconds per `<cycle>.<stage>` (`collection.total`
 * is a whole cycle); the CLI names every stage whose p95 is over its budget. Stages without a budget have none.
 */
export const DEFAULT_STAGE_BUDGETS_MS: Readonly<Record<string, number>> = {
  'collection.fetch.gamma': 20_000,
  'collection.fetch.clob': 30_000,
  'collection.parse': 2_000,
  'collection.persist': 10_000,
  'collection.total': 60_000,
  'quality.total': 5_000,
  'hype.x': 60_000,
  'hype.news': 30_000,
  'hype.total': 120_000,
  'analysis.total': 600_000,
  'signals.total': 5_000,
  'risk.decision': 50,
  'notify.deliver': 10_000,
};

export class ProfilerConfig {
  @IsObject() @IsNumberRecord(1, 86_400_000) @HasStageKeys() budgets_ms: Record<string, number> = { ...DEFAULT_STAGE_BUDGETS_MS };
}

/** Budget keys are `<cycle>.<stage>`, e.g. collection.fetch.gamma. */
function HasStageKeys(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'hasStageKeys',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (a: ValidationArguments) => {
          const bad = Object.keys((a.value ?? {}) as object).find((k) => !STAGE_KEY.test(k));
          return `must be keyed by <cycle>.<stage> such as collection.fetch.gamma${bad === undefined ? '' : ` (got "${bad}")`}`;
        },
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value !== 'object' || value === null || Object.keys(value).every((k) => STAGE_KEY.test(k)) },
    });
}

/** The whole config.yaml. Every key has a documented default; unknown keys are errors. */
export class AppConfig {
  @ValidateNested() @Type(() => DataCollectionConfig) data_collection = new DataCollectionConfig();
  @ValidateNested() @Type(() => HypeConfig) hype = new HypeConfig();
  @ValidateNested() @Type(() => AnalysisConfig) analysis = new AnalysisConfig();
  @ValidateNested() @Type(() => SignalsConfig) signals = new SignalsConfig();
  @ValidateNested() @Type(() => PortfolioConfig) portfolio = new PortfolioConfig();
  @ValidateNested() @Type(() => CalendarConfig) calendar = new CalendarConfig();
  @ValidateNested() @Type(() => RiskConfig) risk = new RiskConfig();
  @ValidateNested() @Type(() => ExecutionConfig) execution = new ExecutionConfig();
  @ValidateNested() @Type(() => AlertsConfig) alerts = new AlertsConfig();
  @ValidateNested() @Type(() => GatewayConfig) gateway = new GatewayConfig();
  @ValidateNested() @Type(() => LoggingConfig) logging = new LoggingConfig();
  @ValidateNested() @Type(() => BusConfig) bus = new BusConfig();
  @ValidateNested() @Type(() => StorageConfig) storage = new StorageConfig();
  @ValidateNested() @Type(() => ProfilerConfig) profiler = new ProfilerConfig();
}

export const CONFIG_SECTIONS = Object.keys(new AppConfig()) as (keyof AppConfig)[];
