import { Module } from '@nestjs/common';
import { RiskDatabase } from './risk.database';
import { RiskService } from './risk.service';

/**
 * The risk service: pre-trade checks on every signal.generated, the paper broker, positions and PnL,
 * the trade journal, REDUCING on risk.command, and the circuit breaker that publishes system.kill
 * (docs/risk.md). Its consumers are ordered (one message at a time), so they are started by RiskService.
 */
@Module({
  providers: [RiskDatabase, RiskService],
})
export class RiskModule {}
