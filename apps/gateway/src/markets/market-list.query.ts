import { ApiPropertyOptional } from '@nestjs/swagger';
import { MARKET_SORTS, MARKET_STATUSES, MAX_MARKET_PAGE, type MarketSort, type MarketStatus } from '@polytrader/persistence';
import { WholeNumber } from '../http/query-number';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

/** GET /api/markets query. */
export class MarketListQueryDto {
  @ApiPropertyOptional({ description: 'case-insensitive text in the question or slug' })
  @IsOptional() @MaxLength(200) @MinLength(1) @IsString()
  q?: string;

  @ApiPropertyOptional()
  @IsOptional() @MaxLength(100) @MinLength(1) @IsString()
  category?: string;

  @ApiPropertyOptional({ enum: MARKET_STATUSES, default: 'active' })
  @IsOptional() @IsIn(MARKET_STATUSES)
  status?: MarketStatus;

  @ApiPropertyOptional({ enum: MARKET_SORTS, default: 'hype' })
  @IsOptional() @IsIn(MARKET_SORTS)
  sort?: MarketSort;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_MARKET_PAGE, default: 50 })
  // decorators run right to left: the type check first
  @IsOptional() @WholeNumber() @Max(MAX_MARKET_PAGE) @Min(1) @IsInt()
  limit?: number;

  @ApiPropertyOptional({ description: 'the `next` of the previous page' })
  @IsOptional() @MaxLength(1000) @IsString()
  cursor?: string;
}
