import { CalendarEvent, SignalRuleSettings, SizingSettings, calendarEventsOf } from '@polytrader/quant';
import { createHash } from 'node:crypto';
import type { EngineConfig } from './risk/risk-engine';

const H = 3_600_000;

/**
 * The config sections the decisions read, structurally (platform's AppConfig is one; the decision library
 * does not load platform). The services and the backtest build every setting from it with the functions
 * below, so both decide with the same numbers.
 */
export interface DecisionConfig {
  readonly data_collection: { readonly interval_minutes: number };
  readonly signals: {
    readonly roc_window: number; readonly hype_roc_threshold: number; readonly strong_roc_multiple: number; readonly rvr_threshold: number;
    readonly max_price_roc: number; readonly max_p_value: number; readonly min_abs_pearson: number; readonly max_analysis_age_h: number;
    readonly cooldown_minutes: number; readonly no_entry_before_resolution_h: number;
  };
  readonly portfolio: {
    readonly initial_equity: number; readonly kelly_fraction: number; readonly max_edge: number; readonly max_position_pct: number;
    readonly max_total_exposure_pct: number; readonly sector_limits: Record<string, number>;
  };
  readonly execution: { readonly fee_bps: number; readonly max_slippage_pct: number; readonly stop_loss_pct: number; readonly take_profit_pct: number };
  readonly risk: {
    readonly timezone: string; readonly warning_threshold: number; readonly max_consecutive_execution_errors: number; readonly daily_loss_limit: number;
    readonly max_drawdown: number; readonly max_open_positions: number; readonly min_liquidity: number; readonly min_book_depth: number;
    readonly max_data_age_minutes: number;
  };
  readonly calendar: { readonly events: readonly { name: string; date: string; market_ids: readonly string[]; tags: readonly string[] }[] };
}

/** The rule thresholds from `signals.*` (docs/signals.md). */
export function ruleSettings(config: DecisionConfig): SignalRuleSettings {
  const s = config.signals;
  return {
    rocWindow: s.roc_window, hypeRocThreshold: s.hype_roc_threshold, strongRocMultiple: s.strong_roc_multiple, rvrThreshold: s.rvr_threshold,
    maxPriceRoc: s.max_price_roc, maxPValue: s.max_p_value, minAbsPearson: s.min_abs_pearson, maxAnalysisAgeMs: s.max_analysis_age_h * H, cooldownMs: s.cooldown_minutes * 60_000,
    noEntryWindowMs: s.no_entry_before_resolution_h * H, intervalMinutes: config.data_collection.interval_minutes,
  };
}

/** The sizer's caps from `portfolio.*`; depth is counted within the slippage the broker accepts (`execution.max_slippage_pct`). */
export function sizingSettings(config: DecisionConfig): SizingSettings {
  const p = config.portfolio;
  return {
    kellyFraction: p.kelly_fraction, maxEdge: p.max_edge, maxPositionPct: p.max_position_pct, maxTotalExposurePct: p.max_total_exposure_pct,
    sectorLimitsPct: p.sector_limits, maxSlippagePct: config.execution.max_slippage_pct,
  };
}

/** `calendar.events` as calendar entries (dates were validated as ISO-8601 at start-up). */
export function calendarEvents(config: DecisionConfig): CalendarEvent[] {
  return calendarEventsOf(config.calendar.events);
}

/** The risk engine's settings from `risk.*`, `portfolio.*` and `execution.*` (docs/risk.md), with the hash of all decision settings. */
export function riskEngineConfig(config: DecisionConfig): EngineConfig {
  return { ...engineSettings(config), configHash: decisionConfigHash(config) };
}

/**
 * sha256 (hex, first 16 chars) of every decision setting, keys sorted: two configs that decide alike hash alike
 * whatever else differs (ports, tokens, log levels). Kept with every risk decision and backtest run.
 */
export function decisionConfigHash(config: DecisionConfig): string {
  const settings = {
    rules: ruleSettings(config), sizing: sizingSettings(config), calendar: calendarEvents(config), engine: engineSettings(config),
    fees: { feeBps: config.execution.fee_bps, maxSlippagePct: config.execution.max_slippage_pct },
  };
  return createHash('sha256').update(canonicalJson(settings)).digest('hex').slice(0, 16);
}

function engineSettings(config: DecisionConfig): EngineConfig {
  const { risk, execution, portfolio } = config;
  return {
    initialEquity: portfolio.initial_equity, timezone: risk.timezone, warningThreshold: risk.warning_threshold,
    maxConsecutiveErrors: risk.max_consecutive_execution_errors, stopLossPct: execution.stop_loss_pct, takeProfitPct: execution.take_profit_pct,
    limits: {
      dailyLossLimit: risk.daily_loss_limit, maxDrawdown: risk.max_drawdown, maxPositionPct: portfolio.max_position_pct,
      maxTotalExposurePct: portfolio.max_total_exposure_pct, sectorLimits: lowerKeys(portfolio.sector_limits), maxOpenPositions: risk.max_open_positions,
      minLiquidity: risk.min_liquidity, minBookDepth: risk.min_book_depth, maxDataAgeMinutes: risk.max_data_age_minutes,
      // one no-entry window for the whole system: signals proposes nothing inside it, risk refuses it
      minHoursToResolution: config.signals.no_entry_before_resolution_h,
    },
  };
}

function lowerKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
}

/** JSON with object keys sorted at every depth (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v);
}
