import { BadRequestException, Controller, Get, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiAuthGuard } from '../auth/api-auth.guard';
import { CursorError } from './stream-cursor';
import { StreamHub } from './stream-hub';

@ApiTags('stream')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api')
@UseGuards(ApiAuthGuard)
export class StreamController {
  constructor(private readonly hub: StreamHub) {}

  @Get('stream')
  @ApiOperation({ summary: 'Server-Sent Events: services and trading state on connect and on change, then every signal, decision, trade, alert, quality issue, cycle summary, kill and reset; resumable with Last-Event-ID' })
  @ApiOkResponse({ description: 'events until the client goes', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'the id of the last event received (STREAM:seq,…): the stream resumes after it' })
  async stream(@Req() req: Request, @Res() res: Response): Promise<void> {
    let resumeFrom: Map<string, number>;
    try {
      resumeFrom = this.hub.parseLastEventId(req.header('last-event-id'));
    } catch (err) {
      if (!(err instanceof CursorError)) throw err;
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: err.message, errors: [err.message] });
    }
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // a reverse proxy must pass events through, not buffer them
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    const client = await this.hub.connect(res, resumeFrom);
    if (res.destroyed || res.writableEnded) this.hub.disconnect(client);
    else res.on('close', () => this.hub.disconnect(client));
  }
}
