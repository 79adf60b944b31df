import fc from 'fast-check';
import { paperFill } from './paper-fill';

const book = {
  bids: [[0.48, 100], [0.47, 100], [0.4, 1000]] as [number, number][],
  asks: [[0.5, 100], [0.51, 100], [0.6, 1000]] as [number, number][],
};
const fees = { feeBps: 100, maxSlippagePct: 5 };

describe('paperFill', () => {
  it('should walk the asks for a buy, level by level, with fee_bps of the notional', () => {
    const fill = paperFill(book, { side: 'BUY', shares: 150 }, fees);
    // 100 at 0.50 + 50 at 0.51 = 75.5 USDC; 1 % fee
    expect(fill.shares).toBe(150);
    expect(fill.notional).toBeCloseTo(75.5, 12);
    expect(fill.avgPrice).toBeCloseTo(75.5 / 150, 12);
    expect(fill.fees).toBeCloseTo(0.755, 12);
    expect(fill.fills).toEqual([[0.5, 100], [0.51, 50]]);
  });

  it('should stop a buy at max_slippage_pct above the best ask: the rest is a partial fill', () => {
    // limit 0.5 × 1.05 = 0.525: the 0.60 level is beyond it
    const fill = paperFill(book, { side: 'BUY', shares: 500 }, fees);
    expect(fill.shares).toBe(200);
    expect(fill.fills).toEqual([[0.5, 100], [0.51, 100]]);
    expect(fill.notional).toBeCloseTo(101, 12);
  });

  it('should stop a sell at max_slippage_pct below the best bid', () => {
    // limit 0.48 × 0.95 = 0.456: 0.47 is within, 0.40 is not
    const fill = paperFill(book, { side: 'SELL', shares: 1000 }, fees);
    expect(fill.shares).toBe(200);
    expect(fill.fills).toEqual([[0.48, 100], [0.47, 100]]);
    expect(fill.notional).toBeCloseTo(95, 12);
    expect(fill.fees).toBeCloseTo(0.95, 12);
  });

  it('should never buy above a price of 1, whatever the slippage allowed', () => {
    const fill = paperFill({ bids: [], asks: [[0.98, 10], [1, 10], [1.01, 10]] }, { side: 'BUY', shares: 30 }, { feeBps: 0, maxSlippagePct: 50 });
    expect(fill.fills).toEqual([[0.98, 10], [1, 10]]);
    expect(fill.fees).toBe(0);
  });

  it('should fill nothing against an empty side, and refuse a bad share count', () => {
    expect(paperFill({ bids: [], asks: book.asks }, { side: 'SELL', shares: 10 }, fees)).toEqual({ shares: 0, notional: 0, avgPrice: null, fees: 0, fills: [] });
    expect(() => paperFill(book, { side: 'BUY', shares: Number.NaN }, fees)).toThrow(/shares must be a finite number/);
  });

  it('should fill at most the shares asked, each level within the limit, notional = Σ price × size, fees proportional', () => {
    const level = fc.tuple(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }));
    fc.assert(fc.property(
      fc.array(level, { maxLength: 8 }), fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'), fc.double({ min: 0, max: 2000, noNaN: true }),
      fc.double({ min: 0, max: 20, noNaN: true }), fc.integer({ min: 0, max: 500 }),
      (raw, side, shares, maxSlippagePct, feeBps) => {
        // a book side as stored: best first
        const levels = [...raw].sort((a, b) => (side === 'BUY' ? a[0] - b[0] : b[0] - a[0]));
        const fill = paperFill(side === 'BUY' ? { bids: [], asks: levels } : { bids: levels, asks: [] }, { side, shares }, { feeBps, maxSlippagePct });
        expect(fill.shares).toBeLessThanOrEqual(shares + 1e-9);
        const sum = fill.fills.reduce((acc, [p, s]) => acc + p * s, 0);
        expect(fill.notional).toBeCloseTo(sum, 9);
        expect(fill.fees).toBeCloseTo((fill.notional * feeBps) / 10_000, 9);
        if (levels.length === 0) return;
        const best = levels[0][0];
        const limit = side === 'BUY' ? Math.min(1, best * (1 + maxSlippagePct / 100)) : best * (1 - maxSlippagePct / 100);
        for (const [p] of fill.fills) expect(side === 'BUY' ? p <= limit + 1e-9 : p >= limit - 1e-9).toBe(true);
      },
    ));
  });
});
