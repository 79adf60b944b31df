import { Controller, Get, OnModuleInit, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Subjects, parseControlMessage, streamFor } from '@polytrader/contracts';
import { EventBus } from '@polytrader/platform';
import type { JetStreamManager } from 'nats';
import { ApiAuthGuard } from '../auth/api-auth.guard';
import { readStored, type StoredMessage } from '../jetstream/stored-messages';
import { SinceQueryDto } from '../trading/trading.queries';
import { StateEvent, StateTransition, stateTransitions } from './state-history';

/** Most messages read per subject; the CONTROL stream keeps at most 1,000 per subject. */
const MAX_PER_SUBJECT = 10_000;
/** The warnings at which risk enters REDUCING by itself (docs/risk.md); exposure and position-count warnings do not. */
const REDUCING_LIMITS = new Set(['daily_loss_limit', 'max_drawdown']);

/**
 * ACTIVE / REDUCING / HALTED transitions, from what JetStream stores: system.kill and system.reset
 * (CONTROL, kept forever), risk.command reduce/resume and risk.warning (RISK, 90 days). The database
 * keeps no history of the state (risk_state is one row), so the bus is the record.
 */
@ApiTags('trading')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/trading-state')
@UseGuards(ApiAuthGuard)
export class StateHistoryController implements OnModuleInit {
  private jsm!: JetStreamManager;

  constructor(private readonly bus: EventBus) {}

  async onModuleInit(): Promise<void> {
    this.jsm = await this.bus.nc.jetstreamManager();
  }

  @Get('history')
  @ApiOperation({ summary: 'Trading-state transitions (kill, reset, reduce, resume, limit warnings) with reason, source and time, newest first' })
  async history(@Query() q: SinceQueryDto): Promise<StateTransition[]> {
    const read = (subject: string) => readStored(this.bus.js, this.jsm, streamFor(subject)!.name, { subject, max: MAX_PER_SUBJECT });
    const [kills, resets, commands, warnings] = await Promise.all(
      [Subjects.SystemKill, Subjects.SystemReset, Subjects.RiskCommand, Subjects.RiskWarning].map(read),
    );
    const events: StateEvent[] = [
      ...kills.map((m) => control('kill', m)),
      ...resets.map((m) => control('reset', m)),
      ...commands.flatMap((m) => riskEvent(m)),
      ...warnings.flatMap((m) => riskEvent(m)),
    ];
    const since = q.since ? new Date(q.since).toISOString() : '';
    return stateTransitions(events).filter((t) => t.ts >= since).reverse().slice(0, q.limit ?? 100);
  }
}

function control(kind: 'kill' | 'reset', m: StoredMessage): StateEvent {
  const c = parseControlMessage(m.data, new Date(m.storedAt));
  return { kind, reason: c.reason, source: c.source, ts: m.storedAt, stream: streamFor(m.subject)!.name, seq: m.seq };
}

/** A reduce/resume command, or a warning that puts risk in REDUCING; anything else on the subject is skipped. */
function riskEvent(m: StoredMessage): StateEvent[] {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(Buffer.from(m.data).toString('utf8')) as Record<string, unknown>;
  } catch {
    return [];
  }
  const str = (v: unknown, fallback: string) => (typeof v === 'string' && v ? v : fallback);
  const at = { ts: m.storedAt, stream: streamFor(m.subject)!.name, seq: m.seq, source: str(e.source, 'unknown') };
  if (m.subject === Subjects.RiskCommand && (e.command === 'reduce' || e.command === 'resume')) {
    return [{ ...at, kind: e.command, reason: str(e.reason, '(no reason given)') }];
  }
  if (m.subject === Subjects.RiskWarning && typeof e.limit === 'string' && REDUCING_LIMITS.has(e.limit)) {
    return [{ ...at, kind: 'warning', reason: str(e.message, e.limit) }];
  }
  return [];
}
