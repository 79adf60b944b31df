/** Why a statistics or sizing routine refused its input. */
export type QuantInputErrorCode =
  | 'LENGTH_MISMATCH'
  | 'BAD_ORDER'
  | 'NON_FINITE'
  | 'TOO_FEW_OBSERVATIONS'
  | 'CONSTANT_SERIES'
  | 'RANK_DEFICIENT'
  | 'BAD_P_VALUE'
  | 'SECTOR_MISMATCH'
  /** a parameter outside its range: a seed, a number of simulations, a floor (the message names it and the value) */
  | 'BAD_PARAMETER';

/**
 * Bad input to a pure quant routine: the message names what was wrong (which series, which index,
 * which column); `code` lets callers (the analyzer skipping a market, the CLI) branch without parsing text.
 */
export class QuantInputError extends Error {
  override readonly name = 'QuantInputError';

  constructor(
    readonly code: QuantInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}
