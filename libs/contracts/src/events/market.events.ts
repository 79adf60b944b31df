import { Type } from 'class-transformer';
import {
  IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Max, Min, ValidateNested,
} from 'class-validator';
import { BaseEvent } from './base.event';

export class OutcomePrice {
  @IsString() @IsNotEmpty() outcome!: string;
  @IsString() @IsNotEmpty() tokenId!: string;
  @IsNumber() price!: number;
}

export class BookSummary {
  @IsString() @IsNotEmpty() tokenId!: string;
  @IsOptional() @IsNumber() bestBid!: number | null;
  @IsOptional() @IsNumber() bestAsk!: number | null;
  @IsOptional() @IsNumber() mid!: number | null;
  @IsOptional() @IsNumber() spread!: number | null;
  /** total size on each side; null when only a midpoint was available */
  @IsOptional() @IsNumber() @Min(0) bidDepth!: number | null;
  @IsOptional() @IsNumber() @Min(0) askDepth!: number | null;
}

/** market.snapshot — one market's prices, volume, liquidity and book summary at one instant. */
export class MarketSnapshotEvent extends BaseEvent {
  @IsString() @IsNotEmpty() marketId!: string;
  @IsString() question!: string;
  @IsOptional() @IsString() category!: string | null;
  @IsOptional() @IsString() endDate!: string | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => OutcomePrice) outcomes!: OutcomePrice[];
  /** null when Gamma did not say */
  @IsOptional() @IsNumber() @Min(0) volume24h!: number | null;
  @IsOptional() @IsNumber() @Min(0) liquidity!: number | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => BookSummary) books!: BookSummary[];
  @IsString() @IsNotEmpty() cycleId!: string;
}

export class ApiErrorCount {
  @IsString() @IsNotEmpty() api!: string;
  @IsString() @IsNotEmpty() kind!: string;
  @IsInt() @Min(1) count!: number;
}

/** market.cycle.completed — a collection cycle ended: counts, duration, errors, breaker states. */
export class MarketCycleCompletedEvent extends BaseEvent {
  @IsString() @IsNotEmpty() cycleId!: string;
  @IsInt() @Min(0) markets!: number;
  @IsInt() @Min(0) snapshots!: number;
  @IsInt() @Min(0) books!: number;
  @IsInt() @Min(0) pricePoints!: number;
  @IsInt() @Min(0) rejected!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ApiErrorCount) errors!: ApiErrorCount[];
  @IsObject() breakers!: Record<string, string>;
  @IsNumber() @Min(0) durationMs!: number;
  @IsIn(['completed', 'partial', 'aborted', 'failed']) outcome!: CycleOutcome;
}

export type CycleOutcome = 'completed' | 'partial' | 'aborted' | 'failed';

export class HypeScoreEvent extends BaseEvent {
  @IsString() @IsNotEmpty() marketId!: string;
  @IsString() @IsNotEmpty() intervalStart!: string;
  @IsNumber() @Min(0) mentions!: number;
  @IsNumber() mentionsZ!: number;
  @IsNumber() velocity!: number;
  @IsNumber() @Min(-1) @Max(1) sentiment!: number;
  @IsNumber() hypeScore!: number;
}

export class NewsItemEvent extends BaseEvent {
  @IsString() @IsNotEmpty() guid!: string;
  @IsString() title!: string;
  @IsString() link!: string;
  @IsString() feed!: string;
  @IsOptional() @IsString() publishedAt?: string;
  @IsArray() @IsString({ each: true }) marketIds!: string[];
  @IsNumber() @Min(-1) @Max(1) sentiment!: number;
}
