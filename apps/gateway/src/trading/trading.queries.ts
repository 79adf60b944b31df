import { ApiPropertyOptional } from '@nestjs/swagger';
import { SIGNAL_STATUSES, type SignalStatus } from '@polytrader/persistence';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const MAX_ROWS = 1000;

// a query string is text: convert only what is a whole number, so a 400 shows the value as sent
const WholeNumber = () => Transform(({ value }) => (typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : value));

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
