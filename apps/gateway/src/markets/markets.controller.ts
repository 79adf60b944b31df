import { BadRequestException, Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidCursorError, listMarkets, type MarketPage } from '@polytrader/persistence';
import { ApiAuthGuard } from '../auth/api-auth.guard';
import { GatewayReader } from '../database/gateway-reader';
import { MarketListQueryDto } from './market-list.query';

@ApiTags('markets')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/markets')
@UseGuards(ApiAuthGuard)
export class MarketsController {
  constructor(private readonly reader: GatewayReader) {}

  @Get()
  @ApiOperation({ summary: 'Markets with their latest volume, liquidity and hype; cursor-paged' })
  async list(@Query() query: MarketListQueryDto): Promise<MarketPage> {
    try {
      return await this.reader.read((ds) => listMarkets(ds, query));
    } catch (err) {
      if (err instanceof InvalidCursorError) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: err.message, errors: [err.message] });
      throw err;
    }
  }
}
