import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { Subjects } from '@polytrader/contracts';
import { EventBus } from '@polytrader/platform';
import { GatewayTokenGuard } from './gateway-token.guard';

interface ControlBody {
  reason?: unknown;
}

const MAX_REASON = 500;

@Controller('api')
@UseGuards(GatewayTokenGuard)
export class ControlController {
  constructor(private readonly bus: EventBus) {}

  /** Publishes system.kill (stored in the CONTROL stream before we answer). */
  @Post('kill')
  @HttpCode(202)
  async kill(@Body() body: ControlBody = {}): Promise<{ published: string; reason: string; source: string }> {
    return this.publish(Subjects.SystemKill, body, 'manual kill from gateway');
  }

  @Post('reset')
  @HttpCode(202)
  async reset(@Body() body: ControlBody = {}): Promise<{ published: string; reason: string; source: string }> {
    return this.publish(Subjects.SystemReset, body, 'manual reset from gateway');
  }

  private async publish(subject: string, body: ControlBody, fallback: string) {
    const reason = typeof body?.reason === 'string' && body.reason.trim() ? body.reason.trim().slice(0, MAX_REASON) : fallback;
    const command = { reason, source: 'gateway' };
    await this.bus.publish(subject, command, { msgId: `${subject}-${Date.now()}-${Math.random()}` });
    return { published: subject, ...command };
  }
}
