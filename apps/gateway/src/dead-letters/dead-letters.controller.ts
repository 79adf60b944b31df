import { Controller, Get, Inject, NotFoundException, OnModuleInit, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Subjects, streamFor } from '@polytrader/contracts';
import { EventBus, SECRETS, Secrets, secretValues } from '@polytrader/platform';
import type { JetStreamManager } from 'nats';
import { ApiAuthGuard } from '../auth/api-auth.guard';
import { redactedConfig } from '../config/redacted-config';
import { badRequest } from '../http/bad-request';
import { firstSeq, lastSeq, readStored, storedMessage } from '../jetstream/stored-messages';
import { DeadLetterView, PAYLOAD_PREVIEW_CHARS, deadLetterView } from './dead-letter-view';
import { DeadLettersQueryDto } from './dead-letters.queries';

const DEADLETTER_STREAM = streamFor(Subjects.SystemDeadLetter)!.name;

/**
 * Dead letters live only in JetStream (the DEADLETTER stream, 30 days), not in the database: they are
 * read through the gateway's bus connection. Their payloads are bus messages (no secrets expected), but
 * every string is scrubbed of the secrets and URL passwords anyway, as /api/config is.
 */
@ApiTags('system')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/dead-letters')
@UseGuards(ApiAuthGuard)
export class DeadLettersController implements OnModuleInit {
  private jsm!: JetStreamManager;

  constructor(
    private readonly bus: EventBus,
    @Inject(SECRETS) private readonly secrets: Secrets,
  ) {}

  async onModuleInit(): Promise<void> {
    this.jsm = await this.bus.nc.jetstreamManager();
  }

  @Get()
  @ApiOperation({ summary: 'Dead letters (messages a service could not use), newest first; payloads cut to a preview' })
  async list(@Query() q: DeadLettersQueryDto): Promise<DeadLetterView[]> {
    const limit = q.limit ?? 50;
    const last = await lastSeq(this.jsm, DEADLETTER_STREAM);
    if (last === 0) return [];
    // the stream holds one subject in time order: the newest `limit` of all, cut at `since`, are the newest since then
    const startSeq = Math.max(await firstSeq(this.jsm, DEADLETTER_STREAM), last - limit + 1, 1);
    const since = q.since ? new Date(q.since).toISOString() : '';
    const stored = await readStored(this.bus.js, this.jsm, DEADLETTER_STREAM, { startSeq, max: limit });
    return stored.filter((m) => m.storedAt >= since).reverse().map((m) => this.scrubbed(deadLetterView(m, PAYLOAD_PREVIEW_CHARS)));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dead letter by its DEADLETTER stream sequence, with the whole payload it kept' })
  async one(@Param('id') id: string): Promise<DeadLetterView> {
    if (!/^[1-9]\d{0,15}$/.test(id)) throw badRequest(`id: must be a positive integer (the stream sequence), got ${JSON.stringify(id.slice(0, 40))}`);
    const m = await storedMessage(this.jsm, DEADLETTER_STREAM, Number(id));
    if (!m || m.subject !== Subjects.SystemDeadLetter) throw new NotFoundException(`no dead letter with id ${id}`);
    return this.scrubbed(deadLetterView(m));
  }

  private scrubbed(view: DeadLetterView): DeadLetterView {
    return redactedConfig(view, secretValues(this.secrets)) as DeadLetterView;
  }
}

