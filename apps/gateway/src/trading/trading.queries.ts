import { ApiPropertyOptional } from '@nestjs/swagger';
import { PNL_INTERVALS, SIGNAL_STATUSES, type SignalStatus } from '@polytrader/persistence';
import type { PnlInterval } from '@polytrader/quant';
import { WholeNumber } from '../http/query-number';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const MAX_ROWS = 1000;


/** Decorators run right to left: each property's type check is written last so it runs first. */
export class SignalsQueryDto {
  @ApiPropertyOptional({ enum: [...SIGNAL_STATUSES, 'all'], default: 'published' })
  @IsOptional() @IsIn([...SIGNAL_STATUSES, 'all'])
  status?: SignalStatus | 'all';

  @ApiPropertyOptional()
  @IsOptional() @MaxLength(200) @IsString()
  marketId?: string;

  @ApiPropertyOptional({ description: 'ISO 8601' })
  @IsOptional() @IsISO8601({ strict: true })
  since?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ROWS, default: 50 })
  @IsOptional() @WholeNumber() @Max(MAX_ROWS) @Min(1) @IsInt()
  limit?: number;
}

export class SinceQueryDto {
  @ApiPropertyOptional({ description: 'ISO 8601' })
  @IsOptional() @IsISO8601({ strict: true })
  since?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ROWS, default: 200 })
  @IsOptional() @WholeNumber() @Max(MAX_ROWS) @Min(1) @IsInt()
  limit?: number;
}

export class PnlQueryDto {
  @ApiPropertyOptional({ description: 'ISO 8601; default the start of today (UTC)' })
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; default open-ended' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;
}

export class PnlSeriesQueryDto {
  @ApiPropertyOptional({ description: 'ISO 8601; default `to` minus 30 days' })
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601, exclusive; default now' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: PNL_INTERVALS, default: 'hour', description: 'one equity point per UTC hour or day with orders' })
  @IsOptional() @IsIn([...PNL_INTERVALS])
  interval?: PnlInterval;
}
