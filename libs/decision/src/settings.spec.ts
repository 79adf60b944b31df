import { createHash } from 'node:crypto';
import { canonicalJson, decisionConfigHash, riskEngineConfig, ruleSettings, type DecisionConfig } from './settings';

const CONFIG: DecisionConfig = {
  data_collection: { interval_minutes: 15 },
  signals: {
    roc_window: 4, hype_roc_threshold: 0.5, strong_roc_multiple: 2, rvr_threshold: 1.5, max_price_roc: 0.1, max_p_value: 0.05, min_abs_pearson: 0.1,
    max_analysis_age_h: 36, cooldown_minutes: 60, no_entry_before_resolution_h: 24,
  },
  portfolio: { initial_equity: 1000, kelly_fraction: 0.25, max_edge: 0.1, max_position_pct: 10, max_total_exposure_pct: 50, sector_limits: { Politics: 30 } },
  execution: { fee_bps: 0, max_slippage_pct: 2, stop_loss_pct: 20, take_profit_pct: 40 },
  risk: {
    timezone: 'UTC', warning_threshold: 0.8, max_consecutive_execution_errors: 3, daily_loss_limit: -5, max_drawdown: -15, max_open_positions: 10,
    min_liquidity: 1000, min_book_depth: 50, max_data_age_minutes: 30,
  },
  calendar: { events: [{ name: 'Election', date: '2026-11-03T00:00:00Z', market_ids: [], tags: ['politics'] }] },
};

describe('decision settings', () => {
  it('should map the config to the engine settings the risk service used to build by hand', () => {
    expect(riskEngineConfig(CONFIG)).toEqual({
      initialEquity: 1000, timezone: 'UTC', warningThreshold: 0.8, maxConsecutiveErrors: 3, stopLossPct: 20, takeProfitPct: 40,
      configHash: decisionConfigHash(CONFIG),
      limits: {
        dailyLossLimit: -5, maxDrawdown: -15, maxPositionPct: 10, maxTotalExposurePct: 50, sectorLimits: { politics: 30 }, maxOpenPositions: 10,
        minLiquidity: 1000, minBookDepth: 50, maxDataAgeMinutes: 30, minHoursToResolution: 24,
      },
    });
    expect(ruleSettings(CONFIG)).toMatchObject({ maxAnalysisAgeMs: 36 * 3_600_000, cooldownMs: 3_600_000, intervalMinutes: 15 });
  });

  it('should hash alike what decides alike, whatever the key order or the sections decisions do not read', () => {
    const hash = decisionConfigHash(CONFIG);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    const reordered = Object.fromEntries(Object.entries(CONFIG).reverse()) as unknown as DecisionConfig;
    const withOther = { ...CONFIG, gateway: { port: 1 }, risk: { ...CONFIG.risk, unread_key: 1 } } as DecisionConfig;
    expect(decisionConfigHash(reordered)).toBe(hash);
    expect(decisionConfigHash(withOther)).toBe(hash);
    expect(decisionConfigHash({ ...CONFIG, execution: { ...CONFIG.execution, fee_bps: 1 } })).not.toBe(hash);
    expect(decisionConfigHash({ ...CONFIG, signals: { ...CONFIG.signals, cooldown_minutes: 61 } })).not.toBe(hash);
    expect(decisionConfigHash({ ...CONFIG, calendar: { events: [] } })).not.toBe(hash);
  });

  it('should write canonical JSON: keys sorted at every depth, arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(createHash('sha256').update(canonicalJson({ b: 1, a: 2 })).digest('hex')).toBe(createHash('sha256').update('{"a":2,"b":1}').digest('hex'));
  });
});
