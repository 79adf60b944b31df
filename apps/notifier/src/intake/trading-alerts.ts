import { RiskDecisionEvent, RiskWarningEvent, STRENGTHS, SignalGeneratedEvent, Strength, TradeEvent } from '@polytrader/contracts';
import type { AlertRejectionStore } from '@polytrader/persistence';
import type { AlertKind } from '../alerts/alert-kind';
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
    await this.titled('signal', e, signalMessage);
  }

  async riskWarning(e: RiskWarningEvent): Promise<void> {
    await this.intake.accept({ key: `risk_warning:${e.id}`, kind: 'risk_warning', text: riskWarningMessage(e) });
  }

  /** Kept until the next rejection summary (NotifierService.summarizeRejections). */
  async rejected(e: RiskDecisionEvent): Promise<void> {
    await this.rejections.add({ eventId: e.id, marketId: e.marketId, reasons: e.reasons, ts: e.ts });
  }

  async tradeOpened(e: TradeEvent): Promise<void> {
    await this.titled('trade_opened', e, tradeOpenedMessage);
  }

  async tradeClosed(e: TradeEvent): Promise<void> {
    await this.titled('trade_closed', e, tradeClosedMessage);
  }

  /** An alert about one market, its message headed by the market's title. */
  private async titled<E extends { id: string; marketId: string }>(kind: AlertKind, e: E, message: (e: E, title: string) => string): Promise<void> {
    await this.intake.accept({ key: `${kind}:${e.id}`, kind, text: message(e, await this.titles.title(e.marketId)) });
  }
}
