import { BadRequestException, Controller, Get, NotFoundException, Param, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidCursorError, listMarkets, marketDetail, MAX_DETAIL_RANGE_DAYS, type MarketDetail, type MarketPage } from '@polytrader/persistence';
import { AppConfig } from '@polytrader/platform';
import { calendarEventsOf } from '@polytrader/quant';
import { ApiAuthGuard } from '../auth/api-auth.guard';
import { GatewayReader } from '../database/gateway-reader';
import { SharedReadInterceptor } from '../database/shared-read.interceptor';
import { MarketDetailQueryDto } from './market-detail.query';
import { MarketListQueryDto } from './market-list.query';

@ApiTags('markets')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/markets')
@UseGuards(ApiAuthGuard)
@UseInterceptors(SharedReadInterceptor)
export class MarketsController {
  constructor(
    private readonly reader: GatewayReader,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Markets with their latest volume, liquidity and hype; cursor-paged' })
  async list(@Query() query: MarketListQueryDto): Promise<MarketPage> {
    try {
      return await this.reader.read((ds) => listMarkets(ds, query));
    } catch (err) {
      if (err instanceof InvalidCursorError) throw badRequest(err.message);
      throw err;
    }
  }

  @Get(':id')
  @ApiOperation({ summary: "One market: latest snapshot, books, price and hype series over from/to, news, Granger result, microstructure, quality issues, calendar status" })
  async detail(@Param('id') id: string, @Query() query: MarketDetailQueryDto): Promise<MarketDetail> {
    if (id.length > 200) throw badRequest(`id: longer than 200 characters, got ${JSON.stringify(id.slice(0, 40))}…`);
    const to = query.to ?? new Date().toISOString();
    const from = query.from ?? new Date(Date.parse(to) - 7 * 86_400_000).toISOString();
    if (Date.parse(from) >= Date.parse(to)) throw badRequest(`from: must be before to (${to}), got ${JSON.stringify(from)}`);
    if (Date.parse(to) - Date.parse(from) > MAX_DETAIL_RANGE_DAYS * 86_400_000) throw badRequest(`from: at most ${MAX_DETAIL_RANGE_DAYS} days before to, got ${JSON.stringify(from)}`);
    // the entry status the signals service applies now: calendar.events and the no-entry window
    const calendar = { events: calendarEventsOf(this.config.calendar.events), noEntryWindowH: this.config.signals.no_entry_before_resolution_h };
    const detail = await this.reader.read((ds) => marketDetail(ds, id, { from: new Date(from).toISOString(), to: new Date(to).toISOString() }, Date.now(), calendar));
    if (!detail) throw new NotFoundException(`no market with id ${JSON.stringify(id)}`);
    return detail;
  }
}

function badRequest(line: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: line, errors: [line] });
}
