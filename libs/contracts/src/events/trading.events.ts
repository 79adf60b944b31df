import { IsArray, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { BaseEvent } from './base.event';

export const SIDES = ['BUY', 'SELL'] as const;
export type Side = (typeof SIDES)[number];
export const STRENGTHS = ['WEAK', 'MODERATE', 'STRONG'] as const;
export type Strength = (typeof STRENGTHS)[number];
export const TRADING_STATES = ['ACTIVE', 'REDUCING', 'HALTED'] as const;
export type TradingState = (typeof TRADING_STATES)[number];

export class SignalGeneratedEvent extends BaseEvent {
  @IsString() @IsNotEmpty() marketId!: string;
  @IsString() @IsNotEmpty() outcome!: string;
  @IsString() @IsNotEmpty() tokenId!: string;
  @IsIn(SIDES) side!: Side;
  @IsNumber() @Min(0) @Max(1) price!: number;
  @IsIn(STRENGTHS) strength!: Strength;
  @IsNumber() @Min(0) @Max(1) confidence!: number;
  @IsNumber() @Min(0) size!: number;
  @IsArray() @IsString({ each: true }) reasons!: string[];
}

/** risk.approved / risk.rejected — a pre-trade decision is an event with its reasons, never an exception. */
export class RiskDecisionEvent extends BaseEvent {
  @IsString() @IsNotEmpty() signalId!: string;
  @IsString() @IsNotEmpty() marketId!: string;
  @IsIn(TRADING_STATES) tradingState!: TradingState;
  @IsArray() @IsString({ each: true }) reasons!: string[];
  @IsNumber() @Min(0) size!: number;
}

export class RiskWarningEvent extends BaseEvent {
  @IsString() @IsNotEmpty() limit!: string;
  @IsNumber() value!: number;
  @IsNumber() threshold!: number;
  @IsString() message!: string;
}

export class TradeEvent extends BaseEvent {
  @IsString() @IsNotEmpty() tradeId!: string;
  @IsString() @IsNotEmpty() marketId!: string;
  @IsString() @IsNotEmpty() tokenId!: string;
  @IsIn(SIDES) side!: Side;
  @IsNumber() @Min(0) size!: number;
  @IsNumber() @Min(0) @Max(1) price!: number;
  @IsNumber() @Min(0) fees!: number;
  @IsOptional() @IsNumber() realizedPnl?: number;
  @IsIn(['paper', 'live']) mode!: 'paper' | 'live';
}

export class AlertDeliveryEvent extends BaseEvent {
  @IsString() @IsNotEmpty() alertId!: string;
  @IsString() @IsNotEmpty() kind!: string;
  @IsString() chatId!: string;
  @IsOptional() @IsString() error?: string;
  @IsNumber() @Min(0) attempts!: number;
}
