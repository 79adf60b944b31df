import { measureBook } from './microstructure';

const settings = { depthBps: 200, impactNotional: 100, periodsPerDay: 96 };
const book = {
  bestBid: 0.48, bestAsk: 0.5,
  bids: [[0.48, 100], [0.47, 300], [0.45, 1000]] as [number, number][],
  asks: [[0.5, 50], [0.51, 100], [0.55, 1000]] as [number, number][],
};

describe('measureBook', () => {
  it('should measure spread, mid, depth and imbalance within ± depth_bps of the $1 payout', () => {
    const m = measureBook(book, [], settings)!;
    expect(m.spread).toBeCloseTo(0.02, 12);
    expect(m.mid).toBeCloseTo(0.49, 12);
    // band 0.47..0.51: bids 100 + 300, asks 50 + 100
    expect(m.depth).toBe(550);
    expect(m.imbalance).toBeCloseTo((400 - 150) / 550, 12);
    expect(m.realizedVolatility).toBeNaN();
  });

  it('should estimate price impact as the mean distance of the average fills from mid', () => {
    const m = measureBook(book, [], settings)!;
    // buy 100 USDC: 50 @ 0.50 (25), 100 @ 0.51 (51), 24 USDC @ 0.55
    const buyShares = 50 + 100 + 24 / 0.55;
    // sell 100 USDC: 100 @ 0.48 (48), 52 USDC @ 0.47
    const sellShares = 100 + 52 / 0.47;
    const expected = ((100 / buyShares - 0.49) + (0.49 - 100 / sellShares)) / 2;
    expect(m.priceImpact).toBeCloseTo(expected, 12);
  });

  it('should scale the realized volatility to a day', () => {
    const m = measureBook(book, [0.5, 0.51, 0.5, 0.51], settings)!;
    expect(m.realizedVolatility).toBeCloseTo(0.01 * Math.sqrt(96), 12);
  });

  it('should give imbalance 0 on an empty band, and nothing for a one-sided book', () => {
    const wide = measureBook({ bestBid: 0.3, bestAsk: 0.7, bids: [[0.3, 10]], asks: [[0.7, 10]] }, [], settings)!;
    expect(wide).toMatchObject({ depth: 0, imbalance: 0 });
    expect(wide.priceImpact).toBeCloseTo(0.2, 12);
    expect(measureBook({ bestBid: null, bestAsk: 0.5, bids: [], asks: [[0.5, 10]] }, [], settings)).toBeNull();
    expect(measureBook({ bestBid: null, bestAsk: null, bids: [], asks: [] }, [], settings)).toBeNull();
  });

  it('should fall back to the top levels when best bid/ask are not stored', () => {
    expect(measureBook({ ...book, bestBid: null, bestAsk: null }, [], settings)!.mid).toBeCloseTo(0.49, 12);
  });
});
