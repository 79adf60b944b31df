import { Module } from '@nestjs/common';
import { SignalsHandler } from './pass/signals.handler';
import { SignalsService } from './pass/signals.service';
import { RebalanceService } from './rebalance/rebalance.service';
import { SignalsDatabase } from './signals.database';

/**
 * The signals service: a signal pass after every collection cycle (rules, eligibility, cooldown, calendar,
 * sizing; docs/signals.md) and daily rebalancing suggestions. Halted: nothing leaves it.
 */
@Module({
  controllers: [SignalsHandler],
  providers: [SignalsDatabase, SignalsService, RebalanceService],
})
export class SignalsModule {}
