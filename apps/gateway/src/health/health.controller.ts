import { Controller, Get, Res } from '@nestjs/common';
import { EventBus } from '@polytrader/platform';
import type { Response } from 'express';

const BUS_PING_TIMEOUT_MS = 500;

@Controller()
export class HealthController {
  constructor(private readonly bus: EventBus) {}

  /** The gateway answers and the bus round-trips a ping. */
  @Get('health')
  async health(@Res({ passthrough: true }) res: Response): Promise<{ status: string; bus: string }> {
    const busUp = await this.pingBus();
    res.status(busUp ? 200 : 503);
    return { status: busUp ? 'ok' : 'degraded', bus: busUp ? 'up' : 'down' };
  }

  private async pingBus(): Promise<boolean> {
    if (this.bus.nc.isClosed()) return false;
    const timeout = new Promise<false>((r) => setTimeout(() => r(false), BUS_PING_TIMEOUT_MS).unref());
    return Promise.race([this.bus.nc.flush().then(() => true, () => false), timeout]);
  }
}
