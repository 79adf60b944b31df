import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

export const MAX_CALENDAR_DAYS = 366;

/** Decorators run right to left: each property's type check is written last so it runs first. */
export class CalendarQueryDto {
  @ApiPropertyOptional({ description: 'ISO 8601; default now' })
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: `ISO 8601; default from + 7 days, at most ${MAX_CALENDAR_DAYS} days after from` })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'only what concerns this market, with its entry status now' })
  @IsOptional() @MaxLength(200) @IsString()
  marketId?: string;
}
