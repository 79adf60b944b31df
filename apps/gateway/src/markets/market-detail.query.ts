import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** GET /api/markets/:id query: the series range, at most MAX_DETAIL_RANGE_DAYS long. */
export class MarketDetailQueryDto {
  @ApiPropertyOptional({ description: 'ISO 8601; default `to` minus 7 days' })
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; default now' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;
}
