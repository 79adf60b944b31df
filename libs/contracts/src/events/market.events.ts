import { Type } from 'class-transformer';
import {
  IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min, ValidateNested,
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
  @IsOptional() @IsNumber() spread!: number | null;
  @IsNumber() @Min(0) bidDepth!: number;
  @IsNumber() @Min(0) askDepth!: number;
}

/** market.snapshot — one market's prices, volume, liquidity and book summary at one instant. */
export class MarketSnapshotEvent extends BaseEvent {
  @IsString() @IsNotEmpty() marketId!: string;
  @IsString() question!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => OutcomePrice) outcomes!: OutcomePrice[];
  @IsNumber() @Min(0) volume24h!: number;
  @IsNumber() @Min(0) liquidity!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => BookSummary) books!: BookSummary[];
  @IsOptional() @IsString() cycleId?: string;
}

/** market.cycle.completed — a collection cycle ended. */
export class MarketCycleCompletedEvent extends BaseEvent {
  @IsString() @IsNotEmpty() cycleId!: string;
  @IsInt() @Min(0) markets!: number;
  @IsInt() @Min(0) snapshots!: number;
  @IsInt() @Min(0) rejected!: number;
  @IsInt() @Min(0) errors!: number;
  @IsNumber() @Min(0) durationMs!: number;
  @IsIn(['completed', 'partial', 'aborted']) outcome!: 'completed' | 'partial' | 'aborted';
}

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
