import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { WholeNumber } from '../http/query-number';

export const MAX_DEAD_LETTERS = 200;

/** Decorators run right to left: each property's type check is written last so it runs first. */
export class DeadLettersQueryDto {
  @ApiPropertyOptional({ description: 'ISO 8601: only dead letters stored at or after it' })
  @IsOptional() @IsISO8601({ strict: true })
  since?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DEAD_LETTERS, default: 50 })
  @IsOptional() @WholeNumber() @Max(MAX_DEAD_LETTERS) @Min(1) @IsInt()
  limit?: number;
}
