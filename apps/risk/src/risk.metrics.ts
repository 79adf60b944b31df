import { ServiceMetrics } from '@polytrader/platform';
import type { RiskStep } from '@polytrader/decision';

/** The first word of a rejection's first reason (`max_positions: …` → max_positions): a label with few values. */
export function reasonCode(reasons: readonly string[]): string {
  const why = reasons.find((r) => !r.startsWith('trading state ')) ?? '';
  return /^([a-z_]+)[: ]/.exec(why)?.[1] ?? 'other';
}

/**
 * Risk's families: decisions by outcome and reason code, orders by intent and status, fills, and equity
 * and realized PnL read from the engine when the registry is read. Counted once per stored step, so a
 * redelivered signal (its stored decision re-published) is not counted twice.
 */
export class RiskMetrics {
  private readonly decisions;
  private readonly orders;
  private readonly fills;

  constructor(m: ServiceMetrics, read: () => { equity: number; realizedPnl: number; drawdownPct: number }) {
    this.decisions = m.counter('polytrader_risk_decisions_total', 'Pre-trade decisions by outcome (approved, rejected) and reason code', ['outcome', 'reason']);
    this.orders = m.counter('polytrader_orders_total', 'Orders sent to the venue by intent (open, increase, reduce, close) and status (filled, partial, unfilled, error)', ['intent', 'status']);
    this.fills = m.counter('polytrader_fills_total', 'Orders that filled (fully or in part), by side', ['side']);
    const gauge = (name: string, help: string, pick: (r: ReturnType<typeof read>) => number) =>
      m.gauge(name, help, [], function collect() { this.set(pick(read())); });
    gauge('polytrader_equity_usd', 'Account equity: initial equity plus realized PnL plus open positions marked to the latest book, USDC', (r) => r.equity);
    gauge('polytrader_realized_pnl_usd', 'Realized PnL since the account started, after fees, USDC', (r) => r.realizedPnl);
    gauge('polytrader_drawdown_ratio', 'Drawdown from the high-water mark as a ratio (0.05 = 5 % below)', (r) => -r.drawdownPct / 100);
  }

  recordStep(step: RiskStep): void {
    const d = step.commit.decision;
    if (d) this.decisions.inc({ outcome: d.decision, reason: d.decision === 'approved' ? 'approved' : reasonCode(d.reasons) });
    for (const o of step.commit.orders) {
      this.orders.inc({ intent: o.intent, status: o.status });
      if (o.filledSize > 0) this.fills.inc({ side: o.side });
    }
  }
}
