import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { HEARTBEAT_PREFIX, HeartbeatEvent } from '@polytrader/contracts';
import { StatusBoard } from '@polytrader/platform';
import { TradingStateCache } from './trading-state';

@Controller()
export class HeartbeatHandler {
  constructor(private readonly board: StatusBoard, private readonly trading: TradingStateCache) {}

  @EventPattern(`${HEARTBEAT_PREFIX}*`)
  onHeartbeat(@Payload() event: HeartbeatEvent): void {
    this.board.record(event);
    if (event.service === 'risk') void this.trading.refresh();
  }
}
