import { Body, ConflictException, Controller, HttpCode, Inject, InternalServerErrorException, Post, ServiceUnavailableException, UseGuards } from '@nestjs/common';
import { ControlKind, ControlNotStoredError, EventBus, ROOT_LOGGER, publishControl } from '@polytrader/platform';
import { RiskCommand, RiskCommandEvent, RunNowAnswer, Subjects, envelope, runNowSubject } from '@polytrader/contracts';
import type { Logger } from 'pino';
import { ApiAuthGuard } from '../auth/api-auth.guard';

interface ControlBody {
  reason?: unknown;
}

/** What a control endpoint answers once CONTROL stored the command. */
export interface ControlAnswer {
  readonly published: string;
  readonly reason: string;
  readonly source: string;
  readonly stream: string;
  readonly seq: number;
}

const MAX_REASON = 500;
/** How long a collector or analyzer has to say whether it started: it answers before it runs. */
const RUN_NOW_TIMEOUT_MS = 2000;
const RUN_NOW_REFUSED: Record<Exclude<RunNowAnswer['outcome'], 'started'>, string> = {
  halted: 'the system is halted: reset first',
  running: 'one is already running',
  stopping: 'the service is stopping',
};

export interface RiskCommandAnswer {
  readonly published: string;
  readonly command: RiskCommand;
  readonly reason: string;
  readonly id: string;
}

// Lenient on purpose: a control call with an odd body still acts, with the default reason.
function reasonOf(body: ControlBody, fallback: string): string {
  return typeof body?.reason === 'string' && body.reason.trim() ? body.reason.trim().slice(0, MAX_REASON) : fallback;
}

@Controller('api')
@UseGuards(ApiAuthGuard)
export class ControlController {
  constructor(
    private readonly bus: EventBus,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** Publishes system.kill; answers 202 once the CONTROL stream stored it, 500 saying it was NOT stored otherwise. */
  @Post('kill')
  @HttpCode(202)
  async kill(@Body() body: ControlBody = {}): Promise<ControlAnswer> {
    return this.publish('kill', body, 'manual kill from gateway');
  }

  @Post('reset')
  @HttpCode(202)
  async reset(@Body() body: ControlBody = {}): Promise<ControlAnswer> {
    return this.publish('reset', body, 'manual reset from gateway');
  }

  /** risk enters REDUCING: only position-reducing orders pass (stored in the RISK stream, so a restarting risk gets it). */
  @Post('reduce')
  @HttpCode(202)
  async reduce(@Body() body: ControlBody = {}): Promise<RiskCommandAnswer> {
    return this.command('reduce', body, 'reduce-only from gateway');
  }

  @Post('reduce/off')
  @HttpCode(202)
  async reduceOff(@Body() body: ControlBody = {}): Promise<RiskCommandAnswer> {
    return this.command('resume', body, 'reduce-only off from gateway');
  }

  /** One collection cycle now: 202 once the collector started it, 409 when it is halted or already collecting. */
  @Post('collect')
  @HttpCode(202)
  collect(): Promise<RunNowAnswer> {
    return this.runNow('collector');
  }

  /** One analysis run now: 202 once the analyzer started it, 409 when it is halted or already analysing. */
  @Post('analyze')
  @HttpCode(202)
  analyze(): Promise<RunNowAnswer> {
    return this.runNow('analyzer');
  }

  private async runNow(service: 'collector' | 'analyzer'): Promise<RunNowAnswer> {
    let answer: RunNowAnswer;
    try {
      answer = await this.bus.request<RunNowAnswer>(runNowSubject(service), {}, RUN_NOW_TIMEOUT_MS);
    } catch (err) {
      throw new ServiceUnavailableException(`${service} did not answer on ${runNowSubject(service)}: ${(err as Error).message}`);
    }
    if (answer.outcome === 'started') return answer;
    const why = RUN_NOW_REFUSED[answer.outcome] ?? answer.outcome;
    if (answer.outcome === 'stopping') throw new ServiceUnavailableException(`${service} did not start a run: ${why}`);
    throw new ConflictException(`${service} did not start a run: ${why}`);
  }

  private async command(command: RiskCommand, body: ControlBody, fallback: string): Promise<RiskCommandAnswer> {
    const reason = reasonOf(body, fallback);
    const event: RiskCommandEvent = { ...envelope('gateway'), command, reason };
    await this.bus.publish(Subjects.RiskCommand, event);
    return { published: Subjects.RiskCommand, command, reason, id: event.id };
  }

  private async publish(kind: ControlKind, body: ControlBody, fallback: string): Promise<ControlAnswer> {
    const reason = reasonOf(body, fallback);
    try {
      // No idempotency key: every HTTP call is a new command from a human, stored again.
      const res = await publishControl(this.bus, kind, { reason, source: 'gateway' });
      return { published: res.subject, reason, source: 'gateway', stream: res.stream, seq: res.seq };
    } catch (err) {
      if (!(err instanceof ControlNotStoredError)) throw err;
      this.logger.error({ metrics: { subject: err.subject, msgId: err.msgId } }, err.message);
      // Not Nest's bare "Internal server error": the caller must know the command is not stored.
      throw new InternalServerErrorException({ statusCode: 500, error: 'Internal Server Error', message: err.message, published: err.subject, stored: false });
    }
  }
}
