import { Module } from '@nestjs/common';
import { StatusBoard } from '@polytrader/platform';
import { ApiAuthGuard } from './auth/api-auth.guard';
import { SessionController } from './auth/session.controller';
import { ConfigController } from './config/config.controller';
import { ControlController } from './control/control.controller';
import { HealthController } from './health/health.controller';
import { HeartbeatHandler } from './status/heartbeat.handler';
import { TradingStateCache } from './status/trading-state';
import { StatusController } from './status/status.controller';

@Module({
  controllers: [HealthController, StatusController, SessionController, ControlController, ConfigController, HeartbeatHandler],
  providers: [StatusBoard, ApiAuthGuard, TradingStateCache],
})
export class GatewayModule {}
