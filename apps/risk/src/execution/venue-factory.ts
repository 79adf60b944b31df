import type { ExecutionVenue, HaltCheck, MarketData } from '@polytrader/decision';

/** Builds the venue from risk's market data and the live halt check (tests inject a venue of their own). */
export type VenueFactory = (market: MarketData, halted: HaltCheck) => ExecutionVenue;

/** Nest token of an optional VenueFactory; without one risk uses the PaperBroker. */
export const EXECUTION_VENUE = Symbol('EXECUTION_VENUE');
