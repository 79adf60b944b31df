import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MetricFamily } from '@polytrader/contracts';
import { KillSwitch, ServiceMetrics, StatusBoard } from '@polytrader/platform';
import type { Registry } from 'prom-client';
import { ApiAuthGuard } from '../auth/api-auth.guard';
import { renderExposition } from './exposition';
import { MetricsBoard } from './metrics-board';
import { systemMetricsRegistry } from './system-metrics';

@ApiTags('system')
@ApiBearerAuth()
@Controller()
@UseGuards(ApiAuthGuard)
export class MetricsController {
  private readonly system: Registry;

  constructor(board: StatusBoard, killSwitch: KillSwitch, private readonly own: ServiceMetrics, private readonly reports: MetricsBoard) {
    this.system = systemMetricsRegistry(board, killSwitch);
  }

  /**
   * Prometheus text for the whole system: the heartbeat picture, the gateway's own registry read now, and
   * every other service's newest report from the bus, each sample labelled `service`. Prometheus sends
   * GATEWAY_TOKEN as its bearer token.
   */
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics of every service (text exposition format)' })
  async metrics(): Promise<string> {
    const [system, own] = await Promise.all([this.system.getMetricsAsJSON(), this.own.snapshot()]);
    return renderExposition([
      { families: system as unknown as MetricFamily[] },
      { service: 'gateway', families: own },
      ...this.reports.sources(Date.now(), 'gateway'),
    ]);
  }
}
