import { Module } from '@nestjs/common';
import { StatusBoard } from '@polytrader/platform';
import { ControlController } from './control/control.controller';
import { GatewayTokenGuard } from './control/gateway-token.guard';
import { HealthController } from './health/health.controller';
import { HeartbeatHandler } from './status/heartbeat.handler';
import { TradingStateCache } from './status/trading-state';
import { StatusController } from './status/status.controller';

@Module({
  controllers: [HealthController, StatusController, ControlController, HeartbeatHandler],
  providers: [StatusBoard, GatewayTokenGuard, TradingStateCache],
})
export class GatewayModule {}
