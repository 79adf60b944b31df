import { brierScore } from './brier';

describe('brierScore', () => {
  // scikit-learn's documented example for sklearn.metrics.brier_score_loss
  const yTrue = [0, 1, 1, 0];
  const yProb = [0.1, 0.9, 0.8, 0.3];

  it("should match scikit-learn's brier_score_loss example: 0.0375", () => {
    expect(brierScore(yProb, yTrue)).toBeCloseTo(0.0375, 15);
  });

  it("should match the example's other forms: 1 − p against the flipped labels, and hard 0/1 forecasts (y_prob > 0.5 → 0.0)", () => {
    expect(brierScore(yProb.map((p) => 1 - p), yTrue.map((y) => 1 - y))).toBeCloseTo(0.0375, 15);
    expect(brierScore(yProb.map((p) => (p > 0.5 ? 1 : 0)), yTrue)).toBe(0);
  });

  it('should give 0.25 for a constant 0.5 forecast, 1 for certain and wrong, NaN for no forecasts', () => {
    expect(brierScore([0.5, 0.5, 0.5], [1, 0, 1])).toBe(0.25);
    expect(brierScore([1, 0], [0, 1])).toBe(1);
    expect(brierScore([], [])).toBeNaN();
  });

  it('should name a bad probability or outcome and refuse misaligned input', () => {
    expect(() => brierScore([0.2, 1.1], [0, 1])).toThrow('probabilities[1] is 1.1; a probability is in [0, 1]');
    expect(() => brierScore([0.2, NaN], [0, 1])).toThrow('probabilities[1] is NaN; a probability is in [0, 1]');
    expect(() => brierScore([0.2, 0.4], [0, 0.5])).toThrow('outcomes[1] is 0.5; an outcome is 0 or 1');
    expect(() => brierScore([0.2], [0, 1])).toThrow('probabilities has 1 values but outcomes has 2; they must be aligned');
  });
});
