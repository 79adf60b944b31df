import type { AppConfig } from '@polytrader/platform';
import { CalendarEvent, SignalRuleSettings, SizingSettings, calendarEventsOf } from '@polytrader/quant';

const H = 3_600_000;

/** The rule thresholds from `signals.*` (docs/signals.md). */
export function ruleSettings(config: AppConfig): SignalRuleSettings {
  const s = config.signals;
  return {
    rocWindow: s.roc_window, hypeRocThreshold: s.hype_roc_threshold, strongRocMultiple: s.strong_roc_multiple, rvrThreshold: s.rvr_threshold,
    maxPriceRoc: s.max_price_roc, maxPValue: s.max_p_value, minAbsPearson: s.min_abs_pearson, maxAnalysisAgeMs: s.max_analysis_age_h * H, cooldownMs: s.cooldown_minutes * 60_000,
    noEntryWindowMs: s.no_entry_before_resolution_h * H, intervalMinutes: config.data_collection.interval_minutes,
  };
}

/** The sizer's caps from `portfolio.*`; depth is counted within the slippage the broker accepts (`execution.max_slippage_pct`). */
export function sizingSettings(config: AppConfig): SizingSettings {
  const p = config.portfolio;
  return {
    kellyFraction: p.kelly_fraction, maxEdge: p.max_edge, maxPositionPct: p.max_position_pct, maxTotalExposurePct: p.max_total_exposure_pct,
    sectorLimitsPct: p.sector_limits, maxSlippagePct: config.execution.max_slippage_pct,
  };
}

/** `calendar.events` as calendar entries (dates were validated as ISO-8601 at start-up). */
export function calendarEvents(config: AppConfig): CalendarEvent[] {
  return calendarEventsOf(config.calendar.events);
}
