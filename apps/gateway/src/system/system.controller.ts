import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AlertStore, AnalysisStore, QualityIssueStore, type AlertDeliveryRecord, type MarketAnalysisRecord, type QualityIssueRecord,
} from '@polytrader/persistence';
import { AppConfig, KillSwitch, StatusBoard, readLogs, type LogLine, type SystemStatus } from '@polytrader/platform';
import { ApiAuthGuard } from '../auth/api-auth.guard';
import { GatewayReader } from '../database/gateway-reader';
import { LimitQueryDto, LogsQueryDto, QualityQueryDto } from './system.queries';

@ApiTags('system')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api')
@UseGuards(ApiAuthGuard)
export class SystemController {
  constructor(
    private readonly reader: GatewayReader,
    private readonly board: StatusBoard,
    private readonly killSwitch: KillSwitch,
    private readonly config: AppConfig,
  ) {}

  @Get('services')
  @ApiOperation({ summary: 'Every service: status, heartbeat, version, uptime, RSS, breakers; the kill state' })
  services(): SystemStatus {
    return this.board.snapshot({ halted: this.killSwitch.isHalted(), kill: this.killSwitch.current.kill });
  }

  @Get('alerts')
  @ApiOperation({ summary: 'Alert deliveries (sent / failed), newest first' })
  alerts(@Query() q: LimitQueryDto): Promise<AlertDeliveryRecord[]> {
    return this.reader.read((ds) => new AlertStore(ds).recent(q.limit ?? 100));
  }

  @Get('quality-issues')
  @ApiOperation({ summary: 'Data-quality findings' })
  quality(@Query() q: QualityQueryDto): Promise<QualityIssueRecord[]> {
    return this.reader.read((ds) => new QualityIssueStore(ds).list({ marketId: q.marketId, since: q.since, limit: q.limit ?? 100 }));
  }

  @Get('analysis')
  @ApiOperation({ summary: 'The latest analysis run: every market with its Granger/correlation result' })
  analysis(): Promise<{ ts: string | null; markets: MarketAnalysisRecord[] }> {
    return this.reader.read(async (ds) => {
      const store = new AnalysisStore(ds);
      const latest = await store.latestByMarket();
      const ts = await store.latestRunTs();
      return { ts, markets: [...latest.values()] };
    });
  }

  @Get('logs')
  @ApiOperation({ summary: "Recent log lines of this machine's services (already scrubbed of secrets), oldest first" })
  logs(@Query() q: LogsQueryDto): LogLine[] {
    const since = q.since ? new Date(q.since).toISOString() : '';
    const lines = readLogs(this.config.logging.dir, { component: q.component, level: q.level }).filter((l) => l.time >= since);
    return lines.slice(-(q.limit ?? 100));
  }
}
