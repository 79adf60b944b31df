import { realizedVolatility } from './realized-volatility';

describe('realizedVolatility', () => {
  it('should be the root mean square of the differences, scaled', () => {
    // differences 0.01, -0.02, 0.01 → mean square 0.0002
    const rv = realizedVolatility([0.5, 0.51, 0.49, 0.5]);
    expect(rv.returns).toBe(3);
    expect(rv.volatility).toBeCloseTo(Math.sqrt(0.0002), 12);
    expect(realizedVolatility([0.5, 0.51, 0.49, 0.5], 96).volatility).toBeCloseTo(Math.sqrt(0.0002 * 96), 12);
  });

  it('should skip gaps instead of bridging them, and be NaN with fewer than two returns', () => {
    const rv = realizedVolatility([0.5, 0.52, Number.NaN, 0.9, 0.91]);
    expect(rv.returns).toBe(2);
    expect(rv.volatility).toBeCloseTo(Math.sqrt((0.0004 + 0.0001) / 2), 12);
    expect(realizedVolatility([0.5, Number.NaN, 0.6]).volatility).toBeNaN();
    expect(realizedVolatility([]).returns).toBe(0);
  });

  it('should refuse infinities and a bad scale', () => {
    expect(() => realizedVolatility([0.5, Number.POSITIVE_INFINITY])).toThrow('prices[1] is not finite');
    expect(() => realizedVolatility([0.5], 0)).toThrow('periodsPerUnit must be a finite number > 0, got 0');
  });
});
