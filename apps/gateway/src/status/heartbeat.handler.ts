import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { HEARTBEAT_PREFIX, HeartbeatEvent } from '@polytrader/contracts';
import { StatusBoard } from './status-board';

@Controller()
export class HeartbeatHandler {
  constructor(private readonly board: StatusBoard) {}

  @EventPattern(`${HEARTBEAT_PREFIX}*`)
  onHeartbeat(@Payload() event: HeartbeatEvent): void {
    this.board.record(event);
  }
}
