import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MarketCycleCompletedEvent, Subjects } from '@polytrader/contracts';
import { QualityService } from './quality.service';

/** After every collection cycle, check its data (durable consumer: a restart misses no cycle). */
@Controller()
export class QualityHandler {
  constructor(private readonly quality: QualityService) {}

  @EventPattern(Subjects.MarketCycleCompleted)
  async onCycle(@Payload() event: MarketCycleCompletedEvent): Promise<void> {
    if (event.outcome === 'aborted' || event.snapshots === 0) return;
    await this.quality.checkCycle(event.cycleId);
  }
}
