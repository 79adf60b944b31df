import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RiskDecisionEvent, RiskWarningEvent, SignalGeneratedEvent, Subjects, TradeEvent } from '@polytrader/contracts';
import { NotifierService } from '../notifier.service';

/**
 * Durable consumers (the platform transport acks after the handler returns): each handler only
 * queues its alert in the outbox — a fast, idempotent database write — so the ack never waits for
 * Telegram and no ack deadline needs extending. Delivery happens from the outbox.
 */
@Controller()
export class TradingAlertsHandler {
  constructor(private readonly notifier: NotifierService) {}

  @EventPattern(Subjects.SignalGenerated)
  onSignal(@Payload() e: SignalGeneratedEvent): Promise<void> {
    return this.notifier.trading.signal(e);
  }

  @EventPattern(Subjects.RiskWarning)
  onRiskWarning(@Payload() e: RiskWarningEvent): Promise<void> {
    return this.notifier.trading.riskWarning(e);
  }

  @EventPattern(Subjects.RiskRejected)
  onRejected(@Payload() e: RiskDecisionEvent): Promise<void> {
    return this.notifier.trading.rejected(e);
  }

  @EventPattern(Subjects.TradeOpened)
  onTradeOpened(@Payload() e: TradeEvent): Promise<void> {
    return this.notifier.trading.tradeOpened(e);
  }

  @EventPattern(Subjects.TradeClosed)
  onTradeClosed(@Payload() e: TradeEvent): Promise<void> {
    return this.notifier.trading.tradeClosed(e);
  }
}
