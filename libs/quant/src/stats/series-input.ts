import { QuantInputError } from './errors';

/** A numeric series: a plain array or a typed array. NaN marks a missing value. */
export type Series = ArrayLike<number>;

/** Throws unless both series have the same length. */
export function assertSameLength(a: Series, b: Series, aName: string, bName: string): void {
  if (a.length !== b.length) {
    throw new QuantInputError('LENGTH_MISMATCH', `${aName} has ${a.length} values but ${bName} has ${b.length}; they must be aligned`);
  }
}

/**
 * NaN is "missing" everywhere in libs/quant (dropped pairwise or row-wise, like R's na.omit);
 * ±Infinity is a bug upstream and is refused with its position.
 */
export function assertNoInfinity(xs: Series, name: string): void {
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (v === Infinity || v === -Infinity) throw new QuantInputError('NON_FINITE', `${name}[${i}] is ${v}; use NaN for a missing value`);
  }
}
