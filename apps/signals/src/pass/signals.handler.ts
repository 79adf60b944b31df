import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MarketCycleCompletedEvent, Subjects } from '@polytrader/contracts';
import { AppConfig, ROOT_LOGGER } from '@polytrader/platform';
import type { Logger } from 'pino';
import { SignalsService } from './signals.service';

/** A cycle event older than this many intervals is a backlog after downtime: the newest one runs the pass. */
const MAX_CYCLE_AGE_INTERVALS = 2;

/** After every collection cycle, a signal pass (durable consumer: a restart misses no cycle). */
@Controller()
export class SignalsHandler {
  constructor(
    private readonly signals: SignalsService,
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(Subjects.MarketCycleCompleted)
  async onCycle(@Payload() event: MarketCycleCompletedEvent): Promise<void> {
    if (event.outcome === 'aborted' || event.snapshots === 0) return;
    const ageMs = Date.now() - Date.parse(event.ts);
    if (ageMs > MAX_CYCLE_AGE_INTERVALS * this.config.data_collection.interval_minutes * 60_000) {
      this.logger.info({ metrics: { cycleId: event.cycleId, ageMs } }, `signal pass skipped for old cycle ${event.cycleId}`);
      return;
    }
    await this.signals.runPass();
  }
}
