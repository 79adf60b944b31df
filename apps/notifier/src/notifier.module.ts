import { Module } from '@nestjs/common';
import { HeartbeatHandler } from './intake/heartbeat.handler';
import { TradingAlertsHandler } from './intake/trading-alerts.handler';
import { NotifierDatabase } from './notifier.database';
import { NotifierService } from './notifier.service';

/**
 * The notifier service: Telegram alerts from bus events, heartbeats and summaries, delivered through a
 * durable outbox; admin commands through the system's one getUpdates poller (docs/notifier.md).
 */
@Module({
  controllers: [TradingAlertsHandler, HeartbeatHandler],
  providers: [NotifierDatabase, NotifierService],
})
export class NotifierModule {}
