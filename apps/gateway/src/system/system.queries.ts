import { ApiPropertyOptional } from '@nestjs/swagger';
import { LEVELS, type LevelName } from '@polytrader/platform';
import { WholeNumber } from '../http/query-number';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const MAX_SYSTEM_ROWS = 1000;

/** Decorators run right to left: each property's type check is written last so it runs first. */
export class LimitQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SYSTEM_ROWS, default: 100 })
  @IsOptional() @WholeNumber() @Max(MAX_SYSTEM_ROWS) @Min(1) @IsInt()
  limit?: number;
}

export class QualityQueryDto extends LimitQueryDto {
  @ApiPropertyOptional()
  @IsOptional() @IsString()
  marketId?: string;

  @ApiPropertyOptional({ description: 'ISO 8601' })
  @IsOptional() @IsISO8601({ strict: true })
  since?: string;
}

export class LogsQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'service name, e.g. risk' })
  @IsOptional() @Matches(/^[\w-]{1,40}$/, { message: 'component must be a service name (letters, digits, - and _)' }) @IsString()
  component?: string;

  @ApiPropertyOptional({ enum: LEVELS, description: 'this level and above' })
  @IsOptional() @IsIn(LEVELS)
  level?: LevelName;

  @ApiPropertyOptional({ description: 'ISO 8601' })
  @IsOptional() @IsISO8601({ strict: true })
  since?: string;
}
