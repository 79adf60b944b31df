import { mean, quantile, stddev, summarize, variance } from './descriptive';

describe('descriptive statistics', () => {
  const xs = [2, 4, 4, 4, 5, 5, 7, 9];

  it('should match R for mean, var and sd', () => {
    expect(mean(xs)).toBe(5);
    expect(variance(xs)).toBeCloseTo(4.571429, 6); // R: var(c(2,4,4,4,5,5,7,9))
    expect(stddev(xs)).toBeCloseTo(2.13809, 5);
  });

  it('should match R quantile type 7', () => {
    // R: quantile(c(2,4,4,4,5,5,7,9), c(.1,.5,.99)) -> 3.40 4.50 8.86
    expect(quantile(xs, 0.1)).toBeCloseTo(3.4, 10);
    expect(quantile(xs, 0.5)).toBeCloseTo(4.5, 10);
    expect(quantile(xs, 0.99)).toBeCloseTo(8.86, 10);
    expect(quantile([3], 0.99)).toBe(3);
  });

  it('should return NaN for empty input or a bad q, not throw', () => {
    expect(mean([])).toBeNaN();
    expect(variance([1])).toBeNaN();
    expect(quantile([], 0.5)).toBeNaN();
    expect(quantile(xs, 1.5)).toBeNaN();
  });

  it('should not reorder its input', () => {
    const input = [3, 1, 2];
    summarize(input);
    expect(input).toEqual([3, 1, 2]);
    expect(summarize(input)).toMatchObject({ n: 3, min: 1, p50: 2, max: 3, mean: 2 });
  });
});
