import { depthWithin, walkBook } from './walk-book';

describe('walkBook', () => {
  const asks = [[0.5, 100], [0.51, 200], [0.53, 1000]] as const;

  it('should fill within the best level at its price', () => {
    expect(walkBook(asks, 25)).toEqual({ shares: 50, notional: 25, avgPrice: 0.5, worstPrice: 0.5, levels: 1, complete: true });
  });

  it('should take whole levels, then part of the next, and average by value', () => {
    // 100 @ 0.50 = 50 USDC, 200 @ 0.51 = 102, then 48 USDC of 0.53 = 90.566… shares
    const w = walkBook(asks, 200);
    expect(w.levels).toBe(3);
    expect(w.notional).toBeCloseTo(200, 10);
    expect(w.shares).toBeCloseTo(300 + 48 / 0.53, 10);
    expect(w.avgPrice).toBeCloseTo(200 / (300 + 48 / 0.53), 12);
    expect(w.worstPrice).toBe(0.53);
    expect(w.complete).toBe(true);
  });

  it('should report an incomplete fill when the levels run out, and nothing on an empty side', () => {
    const w = walkBook(asks, 10_000);
    expect(w).toMatchObject({ shares: 1300, levels: 3, complete: false });
    expect(w.notional).toBeCloseTo(50 + 102 + 530, 10);
    const empty = walkBook([], 10);
    expect(empty).toMatchObject({ shares: 0, notional: 0, levels: 0, complete: false });
    expect(empty.avgPrice).toBeNaN();
    expect(walkBook(asks, 0)).toMatchObject({ shares: 0, complete: true });
  });

  it('should walk bids the same way (USDC received) and skip empty levels', () => {
    const w = walkBook([[0.49, 0], [0.49, 10], [0.48, 100]], 10);
    expect(w.shares).toBeCloseTo(10 + (10 - 4.9) / 0.48, 10);
    expect(w.levels).toBe(2);
  });

  it('should refuse bad input, naming the value', () => {
    expect(() => walkBook(asks, -1)).toThrow('notional must be a finite number ≥ 0, got -1');
    expect(() => walkBook(asks, Number.NaN)).toThrow(/got NaN/);
    expect(() => walkBook([[0, 5]], 1)).toThrow('level 0: price must be a finite number > 0, got 0');
    expect(() => walkBook([[0.5, 5], [0.6, -2]], 10)).toThrow('level 1: size must be a finite number ≥ 0, got -2');
  });
});

describe('depthWithin', () => {
  it('should sum the sizes within the band, inclusive despite decimal rounding', () => {
    const bids = [[0.49, 10], [0.48, 20], [0.47, 30]] as const;
    expect(depthWithin(bids, 0.5, 0.02)).toBe(30); // 0.5 − 0.48 = 0.020000000000000018
    expect(depthWithin(bids, 0.5, 0.005)).toBe(0);
    expect(depthWithin([], 0.5, 1)).toBe(0);
  });
});
