import { Type } from 'class-transformer';
import {
  IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min, ValidateIf, ValidateNested,
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

/**
 * analysis.correlation — one per market and direction per analysis run (docs/analysis.md). `results` holds
 * the Granger test of every lag 1..L with its BH-adjusted p (family: every test of this direction in the run).
 */
export class AnalysisCorrelationEvent extends BaseEvent {
  @IsString() @IsNotEmpty() marketId!: string;
  @IsIn(['hype->price', 'price->hype']) direction!: 'hype->price' | 'price->hype';
  @IsArray() @ValidateNested({ each: true }) @Type(() => GrangerResult) results!: GrangerResult[];
  /** Lead correlation of log1p(mentions) with the later Yes logit change, at the strongest order (docs/analysis.md); the same on both directions' events. */
  @IsNumber() @Min(-1) @Max(1) pearson!: number;
  /** The market's rank by hype → price strength in the run (1 = strongest), on both directions' events. */
  @IsInt() @Min(1) rank!: number;
  /** The run this result belongs to (AnalysisStore). */
  @IsOptional() @IsString() runId?: string;
  /** Aligned points the tests ran on. */
  @IsOptional() @IsInt() @Min(0) points?: number;
  /** Smallest BH-adjusted p over the lags of this direction, and its lag. */
  @IsOptional() @IsNumber() @Min(0) @Max(1) minPAdjusted?: number;
  @IsOptional() @IsInt() @Min(1) bestLag?: number;
}

/** analysis.microstructure — one per outcome token per analysis run, from its newest stored book (docs/analysis.md). */
export class AnalysisMicrostructureEvent extends BaseEvent {
  @IsString() @IsNotEmpty() marketId!: string;
  @IsString() @IsNotEmpty() tokenId!: string;
  @IsNumber() @Min(0) spread!: number;
  @IsNumber() @Min(0) @Max(1) mid!: number;
  /** Shares on both sides within depthBps of mid. */
  @IsNumber() @Min(0) depth!: number;
  @IsNumber() @Min(-1) @Max(1) imbalance!: number;
  /** Per day, in price units; null with fewer than two returns in the window. */
  @ValidateIf((_o, v) => v !== null) @IsNumber() @Min(0) realizedVolatility!: number | null;
  /** Average fill price minus mid for impactNotional USDC, in price units; null when the book has no side to walk. */
  @ValidateIf((_o, v) => v !== null) @IsNumber() @Min(0) priceImpact!: number | null;
  @IsOptional() @IsString() runId?: string;
  /** Half-width of the depth band, in bps of the $1 payout. */
  @IsOptional() @IsInt() @Min(1) depthBps?: number;
  @IsOptional() @IsNumber() @Min(0) impactNotional?: number;
}
