import { bookValue, takeShares } from './take-shares';

describe('takeShares', () => {
  const asks = [[0.5, 100], [0.52, 50], [0.6, 1000]] as const;

  it('should fill from the best level and report every level taken', () => {
    expect(takeShares(asks, 120, 'buy')).toEqual({ shares: 120, notional: 50 + 20 * 0.52, avgPrice: (50 + 20 * 0.52) / 120, fills: [[0.5, 100], [0.52, 20]], complete: true });
  });

  it('should stop at the limit price and leave the rest unfilled (a partial fill)', () => {
    const t = takeShares(asks, 500, 'buy', 0.55);
    expect(t).toMatchObject({ shares: 150, complete: false, fills: [[0.5, 100], [0.52, 50]] });
  });

  it('should walk bids downwards for a sell and respect a lower limit', () => {
    const bids = [[0.49, 10], [0.45, 10], [0.3, 10]] as const;
    expect(takeShares(bids, 25, 'sell', 0.4)).toMatchObject({ shares: 20, notional: 9.4, complete: false });
    expect(takeShares(bids, 25, 'sell')).toMatchObject({ shares: 25, complete: true });
  });

  it('should fill nothing from an empty book and give NaN as average price', () => {
    const t = takeShares([], 10, 'buy');
    expect(t.shares).toBe(0);
    expect(t.avgPrice).toBeNaN();
    expect(t.complete).toBe(false);
  });

  it('should reject a bad amount or level, naming the value', () => {
    expect(() => takeShares(asks, -1, 'buy')).toThrow('shares must be a finite number ≥ 0, got -1');
    expect(() => takeShares([[0, 5]], 1, 'buy')).toThrow('level 0: price must be a finite number > 0, got 0');
  });

  it('should value a book side as Σ price × size', () => {
    expect(bookValue(asks)).toBeCloseTo(50 + 26 + 600, 9);
  });
});
