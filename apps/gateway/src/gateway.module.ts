import { Module } from '@nestjs/common';
import { StatusBoard } from '@polytrader/platform';
import { ApiAuthGuard } from './auth/api-auth.guard';
import { SessionController } from './auth/session.controller';
import { CalendarController } from './calendar/calendar.controller';
import { ConfigController } from './config/config.controller';
import { ControlController } from './control/control.controller';
import { GatewayReader } from './database/gateway-reader';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { HealthController } from './health/health.controller';
import { MarketsController } from './markets/markets.controller';
import { MetricsBoard } from './metrics/metrics-board';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsReportHandler } from './metrics/metrics.handler';
import { StateHistoryController } from './state-history/state-history.controller';
import { SystemController } from './system/system.controller';
import { TradingController } from './trading/trading.controller';
import { HeartbeatHandler } from './status/heartbeat.handler';
import { TradingStateCache } from './status/trading-state';
import { StatusController } from './status/status.controller';
import { StreamController } from './stream/stream.controller';
import { StreamHub } from './stream/stream-hub';

@Module({
  controllers: [HealthController, StatusController, SessionController, ControlController, ConfigController, MarketsController, TradingController, SystemController, MetricsController, StreamController, DeadLettersController, StateHistoryController, CalendarController, HeartbeatHandler, MetricsReportHandler],
  providers: [StatusBoard, ApiAuthGuard, TradingStateCache, GatewayReader, StreamHub, MetricsBoard],
})
export class GatewayModule {}
