import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { HEARTBEAT_PREFIX, HeartbeatEvent } from '@polytrader/contracts';
import { NotifierService } from '../notifier.service';

/** Heartbeats (core NATS) feed the health alerts. */
@Controller()
export class HeartbeatHandler {
  constructor(private readonly notifier: NotifierService) {}

  @EventPattern(`${HEARTBEAT_PREFIX}*`)
  onHeartbeat(@Payload() event: HeartbeatEvent): Promise<void> {
    return this.notifier.onHeartbeat(event);
  }
}
