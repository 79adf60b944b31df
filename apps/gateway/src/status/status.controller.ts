import { Controller, Get, Res } from '@nestjs/common';
import { isHealthy, KillSwitch, StatusBoard, SystemStatus } from '@polytrader/platform';
import type { Response } from 'express';
import { TradingStateCache, TradingView } from './trading-state';

@Controller()
export class StatusController {
  constructor(
    private readonly board: StatusBoard,
    private readonly killSwitch: KillSwitch,
    private readonly trading: TradingStateCache,
  ) {}

  /** 200 when every service is up and the system runs; 503 when any is stale/down or the system is halted. */
  @Get('status')
  status(@Res({ passthrough: true }) res: Response): SystemStatus & { trading: TradingView | null } {
    const { kill } = this.killSwitch.current;
    const status = this.board.snapshot({ halted: this.killSwitch.isHalted(), kill });
    res.status(isHealthy(status) ? 200 : 503);
    // risk's ACTIVE / REDUCING / HALTED (null until risk answered once)
    return { ...status, trading: this.trading.current };
  }
}
