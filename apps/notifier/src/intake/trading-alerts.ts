import { RiskDecisionEvent, RiskWarningEvent, STRENGTHS, SignalGeneratedEvent, Strength, TradeEvent } from '@polytrader/contracts';
import type { AlertRejectionStore } from '@polytrader/persistence';
import type { AlertDraft } from '../alerts/alert-kind';
import type { AlertIntake } from '../alerts/alert-intake';
import type { MarketTitles } from '../alerts/market-titles';
import { riskWarningMessage, signalMessage, tradeClosedMessage, tradeOpenedMessage } from '../alerts/messages';

export function strongEnough(strength: Strength, min: Strength): boolean {
  return STRENGTHS.indexOf(strength) >= STRENGTHS.indexOf(min);
}

/** Turns trading events into alerts (keyed by event id, so a redelivery queues nothing new). */
export class TradingAlerts {
  constructor(
    private readonly intake: AlertIntake,
    private readonly titles: MarketTitles,
    private readonly rejections: AlertRejectionStore,
    private readonly minStrength: Strength,
  ) {}

  async signal(e: SignalGeneratedEvent): Promise<void> {
    if (!strongEnough(e.strength, this.minStrength)) return;
    await this.send({ key: `signal:${e.id}`, kind: 'signal', text: signalMessage(e, await this.titles.title(e.marketId)) });
  }

  async riskWarning(e: RiskWarningEvent): Promise<void> {
    await this.send({ key: `risk_warning:${e.id}`, kind: 'risk_warning', text: riskWarningMessage(e) });
  }

  /** Kept until the next rejection summary (RejectionSummary). */
  async rejected(e: RiskDecisionEvent): Promise<void> {
    await this.rejections.add({ eventId: e.id, marketId: e.marketId, reasons: e.reasons, ts: e.ts });
  }

  async tradeOpened(e: TradeEvent): Promise<void> {
    await this.send({ key: `trade_opened:${e.id}`, kind: 'trade_opened', text: tradeOpenedMessage(e, await this.titles.title(e.marketId)) });
  }

  async tradeClosed(e: TradeEvent): Promise<void> {
    await this.send({ key: `trade_closed:${e.id}`, kind: 'trade_closed', text: tradeClosedMessage(e, await this.titles.title(e.marketId)) });
  }

  private async send(draft: AlertDraft): Promise<void> {
    await this.intake.accept(draft);
  }
}
