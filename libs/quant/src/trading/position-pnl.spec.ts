import { positionCost, unrealizedPnl } from './position-pnl';

describe('positionCost() / unrealizedPnl()', () => {
  it('should value longs at the price and shorts at the collateral 1 − price', () => {
    expect(positionCost('BUY', 100, 0.3)).toBeCloseTo(30, 9);
    expect(positionCost('SELL', 100, 0.3)).toBeCloseTo(70, 9);
  });

  it('should mark longs up and shorts down when the price rises, and give 0 without a mark', () => {
    expect(unrealizedPnl('BUY', 100, 0.3, 0.4)).toBeCloseTo(10, 9);
    expect(unrealizedPnl('SELL', 100, 0.3, 0.4)).toBeCloseTo(-10, 9);
    expect(unrealizedPnl('SELL', 100, 0.3, null)).toBe(0);
  });
});
