import type { BookLevel, TradeSide } from '@polytrader/persistence';

/** A market order as risk sends it to a venue. */
export interface VenueOrder {
  orderId: string;
  marketId: string;
  tokenId: string;
  side: TradeSide;
  /** Shares. */
  shares: number;
}

export interface VenueFill {
  /** Shares filled (0 when nothing could be). */
  shares: number;
  /** USDC paid (buy) or received (sell). */
  notional: number;
  avgPrice: number | null;
  fees: number;
  fills: BookLevel[];
}

/**
 * Where orders go. The PaperBroker fills against the stored books; a live Polymarket CLOB adapter will
 * implement the same interface, so the checks never change. A thrown error is an execution error
 * (counted by the circuit breaker); an empty fill is not.
 */
export interface ExecutionVenue {
  readonly mode: 'paper' | 'live';
  execute(order: VenueOrder): Promise<VenueFill>;
  /** Cancels every open order (the kill path); resolves how many were cancelled. */
  cancelAll(): Promise<number>;
}

/**
 * The kill switch engaged while an order was on its way: the venue did not fill it. Not an execution error
 * (the breaker does not count it); the engine rejects the decision as halted.
 */
export class VenueHaltedError extends Error {
  constructor(readonly haltReason: string) {
    super(`halted: ${haltReason}`);
    this.name = 'VenueHaltedError';
  }
}

/** What the kill switch says right now: null while running, else why it is halted. */
export type HaltCheck = () => string | null;
