import { SERVICE_NAMES, ServiceName } from '@polytrader/contracts';

/**
 * Every metric family /metrics serves for the running system, and the services whose samples must carry it
 * during a demo run — the one list the scrape test checks, and the Grafana dashboard may use nothing else
 * (deploy/grafana/dashboards/polytrader.json; checked by monitoring-config.spec.ts).
 */
export const SCRAPED_FAMILIES: Readonly<Record<string, readonly ServiceName[]>> = {
  // cycles and stages (every heartbeat-recorded cycle; the stage label names it)
  polytrader_cycle_duration_seconds: ['collector', 'hype', 'analyzer', 'signals'],
  // outside APIs: latency, errors and 429s per host, rate-limiter waits, breakers
  polytrader_api_request_duration_seconds: ['collector', 'hype'],
  polytrader_api_errors_total: ['collector', 'hype'],
  polytrader_api_rate_limited_total: ['collector', 'hype'],
  polytrader_rate_limiter_wait_seconds: ['collector', 'hype'],
  polytrader_breaker_state: ['collector', 'hype'],
  // trading
  polytrader_signals_generated_total: ['signals'],
  polytrader_signals_suppressed_total: ['signals'],
  polytrader_risk_decisions_total: ['risk'],
  polytrader_orders_total: ['risk'],
  polytrader_fills_total: ['risk'],
  polytrader_realized_pnl_usd: ['risk'],
  polytrader_equity_usd: ['risk'],
  polytrader_drawdown_ratio: ['risk'],
  polytrader_system_halted: ['gateway'],
  // alerts
  polytrader_alert_deliveries_total: ['notifier'],
  // JetStream backlog of each durable consumer
  polytrader_consumer_pending_messages: ['analyzer', 'signals', 'risk', 'notifier'],
  polytrader_consumer_ack_pending_messages: ['analyzer', 'signals', 'risk', 'notifier'],
  // process health per service (prom-client defaults) and the heartbeat picture
  process_resident_memory_bytes: SERVICE_NAMES,
  process_cpu_seconds_total: SERVICE_NAMES,
  nodejs_heap_size_used_bytes: SERVICE_NAMES,
  nodejs_eventloop_lag_p99_seconds: SERVICE_NAMES,
  polytrader_service_status: SERVICE_NAMES,
  polytrader_service_heartbeat_age_seconds: SERVICE_NAMES,
  polytrader_service_uptime_seconds: SERVICE_NAMES,
};

/** service → family → true, from a scrape: which families each service's samples carry. */
export function familiesByService(scrape: string): Map<string, Set<string>> {
  const types = new Map<string, string>();
  for (const m of scrape.matchAll(/^# TYPE (\S+) (\S+)$/gm)) types.set(m[1], m[2]);
  const out = new Map<string, Set<string>>();
  for (const m of scrape.matchAll(/^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\} \S+$/gm)) {
    const service = /(?:^|,)service="([^"]+)"/.exec(m[2])?.[1];
    if (!service) continue;
    const family = types.has(m[1]) ? m[1] : m[1].replace(/_(bucket|sum|count)$/, '');
    if (!out.has(service)) out.set(service, new Set());
    out.get(service)!.add(family);
  }
  return out;
}
