import fc from 'fast-check';
import { KellyInput, KellySide, fractionalKelly, fullKelly, kellyStake } from './kelly';

/** Expected log growth of betting fraction f on the side's share (entry price e, win probability q). */
function logGrowth(side: KellySide, price: number, prob: number, f: number): number {
  const e = side === 'BUY' ? price : 1 - price;
  const q = side === 'BUY' ? prob : 1 - prob;
  return q * Math.log(1 + (f * (1 - e)) / e) + (1 - q) * Math.log(1 - f);
}

describe('Kelly sizing', () => {
  describe('fullKelly()', () => {
    it('should give (prob − price)/(1 − price) for a YES buy', () => {
      expect(fullKelly('BUY', 0.4, 0.6)).toBeCloseTo(1 / 3, 15);
      expect(fullKelly('BUY', 0.5, 0.55)).toBeCloseTo(0.1, 15);
      expect(fullKelly('BUY', 0.2, 1)).toBe(1); // certain win: everything
    });

    it('should give (price − prob)/price for a SELL (the NO side at 1 − price)', () => {
      expect(fullKelly('SELL', 0.6, 0.4)).toBeCloseTo(1 / 3, 15);
      expect(fullKelly('SELL', 0.7, 0.35)).toBeCloseTo(0.5, 15);
    });

    it('should mirror: SELL at (price, prob) equals BUY at (1 − price, 1 − prob)', () => {
      fc.assert(
        fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (price, prob) => {
          expect(fullKelly('SELL', price, prob)).toBeCloseTo(fullKelly('BUY', 1 - price, 1 - prob), 9);
        }),
      );
    });

    it('should be 0 without an edge', () => {
      expect(fullKelly('BUY', 0.6, 0.6)).toBe(0);
      expect(fullKelly('BUY', 0.6, 0.4)).toBe(0);
      expect(fullKelly('SELL', 0.4, 0.6)).toBe(0);
    });

    it('should be 0 at the edge prices 0 and 1 and for NaN or out-of-range input', () => {
      expect(fullKelly('BUY', 0, 0.9)).toBe(0);
      expect(fullKelly('BUY', 1, 0.9)).toBe(0);
      expect(fullKelly('SELL', 0, 0.1)).toBe(0);
      expect(fullKelly('BUY', NaN, 0.9)).toBe(0);
      expect(fullKelly('BUY', 0.3, NaN)).toBe(0);
      expect(fullKelly('BUY', 0.3, 1.2)).toBe(0);
      expect(fullKelly('HOLD' as KellySide, 0.3, 0.9)).toBe(0);
    });

    it('should maximise expected log growth (checked numerically against neighbours)', () => {
      fc.assert(
        fc.property(
          fc.constantFrom<KellySide>('BUY', 'SELL'),
          fc.double({ min: 0.02, max: 0.98, noNaN: true }),
          fc.double({ min: 0.01, max: 0.99, noNaN: true }),
          (side, price, prob) => {
            const f = fullKelly(side, price, prob);
            const g = logGrowth(side, price, prob, f);
            for (const d of [1e-3, 1e-2]) {
              if (f + d < 1) expect(g).toBeGreaterThanOrEqual(logGrowth(side, price, prob, f + d) - 1e-12);
              if (f - d > 0) expect(g).toBeGreaterThanOrEqual(logGrowth(side, price, prob, f - d) - 1e-12);
            }
          },
        ),
      );
    });
  });

  describe('fractionalKelly()', () => {
    const base: KellyInput = { side: 'BUY', price: 0.4, prob: 0.6, kellyFraction: 0.5, maxFraction: 1 };

    it('should scale full Kelly by kellyFraction and cap it at maxFraction', () => {
      expect(fractionalKelly(base)).toBeCloseTo(1 / 6, 15);
      expect(fractionalKelly({ ...base, maxFraction: 0.05 })).toBe(0.05);
      expect(fractionalKelly({ ...base, kellyFraction: 3 })).toBeCloseTo(1 / 3, 15); // no over-betting
    });

    it('should size 0 for invalid fractions', () => {
      expect(fractionalKelly({ ...base, kellyFraction: 0 })).toBe(0);
      expect(fractionalKelly({ ...base, kellyFraction: NaN })).toBe(0);
      expect(fractionalKelly({ ...base, maxFraction: -0.1 })).toBe(0);
      expect(fractionalKelly({ ...base, maxFraction: NaN })).toBe(0);
    });

    it('should stay within [0, cap] for every input, NaN, infinities and edge prices included', () => {
      const anyNumber = fc.oneof(
        fc.double(),
        fc.constantFrom(0, 1, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, 1 - Number.EPSILON),
        fc.double({ min: 0, max: 1 }),
      );
      fc.assert(
        fc.property(fc.constantFrom<KellySide>('BUY', 'SELL'), anyNumber, anyNumber, anyNumber, anyNumber, (side, price, prob, kellyFraction, maxFraction) => {
          const f = fractionalKelly({ side, price, prob, kellyFraction, maxFraction });
          const cap = maxFraction >= 0 ? Math.min(maxFraction, 1) : 0;
          expect(f).toBeGreaterThanOrEqual(0);
          expect(f).toBeLessThanOrEqual(cap);
          if (!(price > 0 && price < 1)) expect(f).toBe(0);
        }),
        { numRuns: 2000 },
      );
    });
  });

  describe('kellyStake()', () => {
    it('should turn the fraction into currency and shares at the side’s entry price', () => {
      const buy = kellyStake({ side: 'BUY', price: 0.4, prob: 0.6, kellyFraction: 0.5, maxFraction: 1 }, 600);
      expect(buy.stake).toBeCloseTo(100, 10);
      expect(buy.entryPrice).toBe(0.4);
      expect(buy.shares).toBeCloseTo(250, 10);
      const sell = kellyStake({ side: 'SELL', price: 0.6, prob: 0.4, kellyFraction: 1, maxFraction: 0.1 }, 1000);
      expect(sell.stake).toBeCloseTo(100, 10);
      expect(sell.entryPrice).toBeCloseTo(0.4, 15);
      expect(sell.shares).toBeCloseTo(250, 10);
    });

    it('should stake nothing from a bad bankroll or without an edge', () => {
      const input: KellyInput = { side: 'BUY', price: 0.4, prob: 0.6, kellyFraction: 1, maxFraction: 1 };
      expect(kellyStake(input, NaN)).toMatchObject({ stake: 0, shares: 0 });
      expect(kellyStake(input, -5)).toMatchObject({ stake: 0, shares: 0 });
      expect(kellyStake(input, Infinity)).toMatchObject({ stake: 0, shares: 0 });
      expect(kellyStake({ ...input, prob: 0.3 }, 100)).toMatchObject({ fraction: 0, stake: 0, shares: 0 });
    });
  });
});
