import { Injectable } from '@nestjs/common';
import { TradingState, statusSubject } from '@polytrader/contracts';
import { EventBus } from '@polytrader/platform';

/** Risk's trading state (docs/risk.md) and the metrics behind it, from its detailed status. */
export interface TradingView {
  readonly tradingState: TradingState;
  readonly why: string | null;
  readonly [metric: string]: unknown;
}

const ASK_TIMEOUT_MS = 500;

/**
 * The last trading state risk reported. Refreshed on each risk heartbeat by asking system.status.risk
 * (one question at a time), so GET /status answers from memory and never waits on risk.
 */
@Injectable()
export class TradingStateCache {
  private view: TradingView | null = null;
  private asking = false;

  constructor(private readonly bus: EventBus) {}

  get current(): TradingView | null {
    return this.view;
  }

  async refresh(): Promise<void> {
    if (this.asking) return;
    this.asking = true;
    try {
      const reply = await this.bus.request<{ details?: { risk?: TradingView } }>(statusSubject('risk'), {}, ASK_TIMEOUT_MS);
      if (reply.details?.risk) this.view = reply.details.risk;
    } catch {
      // risk busy or gone: its heartbeat age already says so; keep the last state seen
    } finally {
      this.asking = false;
    }
  }
}
