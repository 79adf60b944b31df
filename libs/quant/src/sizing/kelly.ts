/**
 * Kelly sizing for a binary (pays 1 / pays 0) Polymarket outcome share.
 *
 * BUY: buy YES at `price` believing P(YES) = `prob`. Per unit staked the win is (1 − price)/price, the loss is the
 * stake, so the growth-optimal fraction of bankroll is
 *   f* = prob − (1 − prob)·price/(1 − price) = (prob − price) / (1 − price).
 * SELL: the mirror bet that the outcome resolves NO — buying NO at 1 − price (or, equivalently for risk, selling
 * YES, whose capital at risk per share is 1 − price) with P(NO) = 1 − prob:
 *   f* = ((1 − prob) − (1 − price)) / price = (price − prob) / price.
 * No edge (f* ≤ 0) → 0: Kelly never bets against its own belief.
 */

export type KellySide = 'BUY' | 'SELL';

export interface KellyInput {
  readonly side: KellySide;
  /** Market price of the YES share, strictly inside (0, 1). */
  readonly price: number;
  /** Believed probability that the outcome resolves YES, in [0, 1]. */
  readonly prob: number;
  /** Multiplier on full Kelly, in (0, 1]; larger values are treated as 1 (no over-betting). */
  readonly kellyFraction: number;
  /** Hard cap on the fraction of bankroll, in [0, 1]; larger values are treated as 1. */
  readonly maxFraction: number;
}

const valid = (v: number, lo: number, hi: number) => v >= lo && v <= hi; // false for NaN

/** Full-Kelly fraction of bankroll; 0 for no edge and for any invalid input (NaN, price ∉ (0,1), prob ∉ [0,1]). */
export function fullKelly(side: KellySide, price: number, prob: number): number {
  if (!(price > 0 && price < 1) || !valid(prob, 0, 1)) return 0;
  const f = side === 'BUY' ? (prob - price) / (1 - price) : side === 'SELL' ? (price - prob) / price : NaN;
  return f > 0 ? Math.min(f, 1) : 0;
}

/**
 * Fractional Kelly: min(fullKelly × kellyFraction, maxFraction), always within [0, min(maxFraction, 1)].
 * Fail-safe: any invalid input (NaN, non-positive kellyFraction, negative maxFraction) sizes to 0.
 */
export function fractionalKelly(input: KellyInput): number {
  const { kellyFraction, maxFraction } = input;
  if (!(kellyFraction > 0) || !(maxFraction >= 0)) return 0;
  const f = fullKelly(input.side, input.price, input.prob) * Math.min(kellyFraction, 1);
  return Math.min(f, maxFraction, 1) + 0; // + 0 turns a -0 cap into 0
}

export interface KellyStake {
  /** Fraction of bankroll to commit (`fractionalKelly`). */
  readonly fraction: number;
  /** Currency committed: fraction × bankroll (the order's exposure). */
  readonly stake: number;
  /** Price paid per share: `price` for BUY (YES), 1 − price for SELL (NO). */
  readonly entryPrice: number;
  /** Shares bought: stake / entryPrice. */
  readonly shares: number;
}

/** `fractionalKelly` applied to a bankroll; a non-positive or NaN bankroll stakes 0. */
export function kellyStake(input: KellyInput, bankroll: number): KellyStake {
  const fraction = bankroll > 0 && Number.isFinite(bankroll) ? fractionalKelly(input) : 0;
  const stake = fraction * (bankroll > 0 && Number.isFinite(bankroll) ? bankroll : 0);
  const entryPrice = input.side === 'SELL' ? 1 - input.price : input.price;
  return { fraction, stake, entryPrice, shares: stake > 0 ? stake / entryPrice : 0 };
}
