import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { METRICS_PREFIX, MetricsReportEvent } from '@polytrader/contracts';
import { MetricsBoard } from './metrics-board';

@Controller()
export class MetricsReportHandler {
  constructor(private readonly board: MetricsBoard) {}

  @EventPattern(`${METRICS_PREFIX}*`)
  onReport(@Payload() event: MetricsReportEvent): void {
    this.board.record(event);
  }
}
