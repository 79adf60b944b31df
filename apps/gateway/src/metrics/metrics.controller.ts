import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { KillSwitch, StatusBoard } from '@polytrader/platform';
import type { Registry } from 'prom-client';
import { ApiAuthGuard } from '../auth/api-auth.guard';
import { systemMetricsRegistry } from './system-metrics';

@ApiTags('system')
@ApiBearerAuth()
@Controller()
@UseGuards(ApiAuthGuard)
export class MetricsController {
  private readonly registry: Registry;

  constructor(board: StatusBoard, killSwitch: KillSwitch) {
    this.registry = systemMetricsRegistry(board, killSwitch);
  }

  /** Prometheus text for the whole system; Prometheus sends GATEWAY_TOKEN as its bearer token. */
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
