import { Controller, Get, NotFoundException, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MarketStore } from '@polytrader/persistence';
import { AppConfig } from '@polytrader/platform';
import { calendarEventsOf } from '@polytrader/quant';
import { ApiAuthGuard } from '../auth/api-auth.guard';
import { GatewayReader } from '../database/gateway-reader';
import { badRequest } from '../http/bad-request';
import { CalendarView, calendarView } from './calendar-view';
import { CalendarQueryDto, MAX_CALENDAR_DAYS } from './calendar.queries';

const DAY_MS = 86_400_000;

/** The market calendar the CLI's `polytrader calendar` prints: market end dates from the database, events from config. */
@ApiTags('system')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/calendar')
@UseGuards(ApiAuthGuard)
export class CalendarController {
  constructor(
    private readonly reader: GatewayReader,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Resolutions and calendar events in from/to (default the next 7 days), with the no-entry window; per market with marketId' })
  async calendar(@Query() q: CalendarQueryDto): Promise<CalendarView> {
    const nowMs = Date.now();
    const fromMs = q.from ? Date.parse(q.from) : nowMs;
    const toMs = q.to ? Date.parse(q.to) : fromMs + 7 * DAY_MS;
    const [from, to] = [new Date(fromMs).toISOString(), new Date(toMs).toISOString()];
    if (fromMs >= toMs) throw badRequest(`to: must be after from (${from}), got ${JSON.stringify(q.to ?? to)}`);
    if (toMs - fromMs > MAX_CALENDAR_DAYS * DAY_MS) throw badRequest(`to: at most ${MAX_CALENDAR_DAYS} days after from, got ${JSON.stringify(q.to ?? to)}`);
    const markets = await this.reader.read((ds) => new MarketStore(ds).markets());
    if (q.marketId !== undefined && !markets.some((m) => m.id === q.marketId)) throw new NotFoundException(`no market with id ${JSON.stringify(q.marketId)}`);
    const window = { nowMs, fromMs, toMs, windowH: this.config.signals.no_entry_before_resolution_h };
    return calendarView(markets, calendarEventsOf(this.config.calendar.events), window, q.marketId);
  }
}
