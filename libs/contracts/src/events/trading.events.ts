import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
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
  /** Shares of the outcome token (the unit of positions and trades). */
  @IsNumber() @Min(0) size!: number;
  @IsArray() @IsString({ each: true }) reasons!: string[];
  /** USDC committed at `price` (size × price for a BUY); optional so older messages still parse. */
  @IsOptional() @IsNumber() @Min(0) stake?: number;
  /** Sector the sizer charged (market category, else first tag, lower case). */
  @IsOptional() @IsString() sector?: string;
  /**
   * The hype → price analysis the signal relied on (flat, not nested, so the compiled check still covers the
   * event): the run's time, its adjusted p-value and lag. Risk keeps them with its decision.
   */
  @IsOptional() @IsString() analysisAt?: string;
  @IsOptional() @IsNumber() analysisP?: number;
  @IsOptional() @IsNumber() analysisLag?: number;
}

export const REBALANCE_ACTIONS = ['increase', 'reduce', 'close'] as const;
export type RebalanceAction = (typeof REBALANCE_ACTIONS)[number];

export class RebalanceSuggestion {
  @IsString() @IsNotEmpty() marketId!: string;
  @IsString() @IsNotEmpty() tokenId!: string;
  @IsIn(REBALANCE_ACTIONS) action!: RebalanceAction;
  /** Shares held now. */
  @IsNumber() @Min(0) currentSize!: number;
  /** Shares the sizer would hold now. */
  @IsNumber() @Min(0) targetSize!: number;
  @IsString() @IsNotEmpty() reason!: string;
}

/** signal.rebalance — the daily rebalancing suggestions of the signals service (the notifier shows the latest). */
export class PortfolioRebalanceEvent extends BaseEvent {
  @IsArray() @ValidateNested({ each: true }) @Type(() => RebalanceSuggestion) suggestions!: RebalanceSuggestion[];
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

/** What made risk trade: a signal, an opposite signal, stop-loss, take-profit, or the market's resolution. */
export const TRADE_TRIGGERS = ['signal', 'opposite_signal', 'stop_loss', 'take_profit', 'resolution'] as const;
export type TradeTrigger = (typeof TRADE_TRIGGERS)[number];

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
  /** The order this fill belongs to (risk's journal), the signal behind it, and what triggered it. */
  @IsOptional() @IsString() orderId?: string;
  @IsOptional() @IsString() signalId?: string;
  @IsOptional() @IsIn(TRADE_TRIGGERS) trigger?: TradeTrigger;
  @IsOptional() @IsString() outcome?: string;
}

export class AlertDeliveryEvent extends BaseEvent {
  @IsString() @IsNotEmpty() alertId!: string;
  @IsString() @IsNotEmpty() kind!: string;
  @IsString() chatId!: string;
  @IsOptional() @IsString() error?: string;
  @IsNumber() @Min(0) attempts!: number;
}

export const RISK_COMMANDS = ['reduce', 'resume'] as const;
export type RiskCommand = (typeof RISK_COMMANDS)[number];

/** risk.command — `reduce`: enter REDUCING (only position-reducing orders pass); `resume`: leave it. From the CLI or Telegram /reduce. */
export class RiskCommandEvent extends BaseEvent {
  @IsIn(RISK_COMMANDS) command!: RiskCommand;
  @IsOptional() @IsString() reason?: string;
  // `source` (who asked: cli, notifier, …) is the envelope's, from BaseEvent.
}
