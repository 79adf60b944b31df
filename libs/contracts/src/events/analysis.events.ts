import { Type } from 'class-transformer';
import {
  IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min, ValidateNested,
} from 'class-validator';
import { BaseEvent } from './base.event';

export const QUALITY_KINDS = [
  'price_out_of_range', 'outcome_sum', 'crossed_book', 'empty_book', 'stale_market', 'history_gap', 'spike', 'duplicate',
] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];

export class AnalysisQualityEvent extends BaseEvent {
  @IsString() @IsNotEmpty() marketId!: string;
  @IsIn(QUALITY_KINDS) kind!: QualityKind;
  @IsIn(['info', 'warning', 'error']) severity!: 'info' | 'warning' | 'error';
  @IsString() detail!: string;
  @IsOptional() @IsString() cycleId?: string;
}

export class GrangerResult {
  @IsInt() @Min(1) lag!: number;
  @IsNumber() @Min(0) f!: number;
  @IsInt() @Min(1) df1!: number;
  @IsInt() @Min(1) df2!: number;
  @IsNumber() @Min(0) @Max(1) p!: number;
  @IsNumber() @Min(0) @Max(1) pAdjusted!: number;
}

export class AnalysisCorrelationEvent extends BaseEvent {
  @IsString() @IsNotEmpty() marketId!: string;
  @IsIn(['hype->price', 'price->hype']) direction!: 'hype->price' | 'price->hype';
  @IsArray() @ValidateNested({ each: true }) @Type(() => GrangerResult) results!: GrangerResult[];
  @IsNumber() @Min(-1) @Max(1) pearson!: number;
  @IsInt() @Min(1) rank!: number;
}

export class AnalysisMicrostructureEvent extends BaseEvent {
  @IsString() @IsNotEmpty() marketId!: string;
  @IsString() @IsNotEmpty() tokenId!: string;
  @IsNumber() @Min(0) spread!: number;
  @IsNumber() @Min(0) @Max(1) mid!: number;
  @IsNumber() @Min(0) depth!: number;
  @IsNumber() @Min(-1) @Max(1) imbalance!: number;
  @IsNumber() @Min(0) realizedVolatility!: number;
  @IsNumber() @Min(0) priceImpact!: number;
}
