import { QuantInputError } from '../stats/errors';
import { Series, assertSameLength } from '../stats/series-input';

/**
 * Brier score of probability forecasts against binary outcomes: mean((p − y)²), as scikit-learn's
 * `brier_score_loss(y_true, y_prob)` for a binary target with positive label 1. 0 is perfect, 0.25 is a constant
 * 0.5 forecast, 1 is always certain and always wrong.
 *
 * Unlike the return metrics, nothing here may be missing: a NaN probability or an outcome other than 0/1 is an
 * error naming its index (scikit-learn refuses them too). No forecasts → NaN.
 */
export function brierScore(probabilities: Series, outcomes: Series): number {
  assertSameLength(probabilities, outcomes, 'probabilities', 'outcomes');
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    const y = outcomes[i];
    if (!(p >= 0 && p <= 1)) throw new QuantInputError('BAD_PARAMETER', `probabilities[${i}] is ${p}; a probability is in [0, 1]`);
    if (y !== 0 && y !== 1) throw new QuantInputError('BAD_PARAMETER', `outcomes[${i}] is ${y}; an outcome is 0 or 1`);
    sum += (p - y) * (p - y);
  }
  return probabilities.length === 0 ? NaN : sum / probabilities.length;
}
