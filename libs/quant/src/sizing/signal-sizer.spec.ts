import fc from 'fast-check';
import { askNotionalWithin, bidSharesWithin, sharesForStake } from './book-depth';
import { PortfolioSizer, SizingSettings, beliefFromConfidence, exposureLimits, sectorOf } from './signal-sizer';

const settings: SizingSettings = {
  kellyFraction: 0.25, maxEdge: 0.1, maxPositionPct: 5, maxTotalExposurePct: 50, sectorLimitsPct: { Politics: 8 }, maxSlippagePct: 2,
};
const deepAsks = (price: number) => [[price, 100_000], [price + 0.01, 100_000]] as [number, number][];

describe('signal sizing', () => {
  describe('sectorOf()', () => {
    it('should take the category, else the first tag, else "other", lower case', () => {
      expect(sectorOf('Politics', ['x'])).toBe('politics');
      expect(sectorOf(null, ['Crypto', 'BTC'])).toBe('crypto');
      expect(sectorOf('  ', [])).toBe('other');
    });
  });

  describe('beliefFromConfidence()', () => {
    it('should add confidence × maxEdge of the way to 1', () => {
      expect(beliefFromConfidence(0.4, 1, 0.1)).toBeCloseTo(0.46, 12);
      expect(beliefFromConfidence(0.4, 0.5, 0.1)).toBeCloseTo(0.43, 12);
      expect(beliefFromConfidence(0.4, 0, 0.1)).toBe(0.4);
      expect(beliefFromConfidence(0.4, 7, 0.1)).toBeCloseTo(0.46, 12); // clamped
    });
  });

  describe('book depth', () => {
    const asks: [number, number][] = [[0.5, 100], [0.51, 200], [0.6, 1000]];
    it('should count the ask notional up to the limit price', () => {
      expect(askNotionalWithin(asks, 0.51)).toBeCloseTo(50 + 102, 10);
      expect(askNotionalWithin(asks, 0.49)).toBe(0);
      expect(bidSharesWithin([[0.5, 10], [0.45, 20]], 0.48)).toBe(10);
    });
    it('should walk the asks cheapest first', () => {
      expect(sharesForStake(asks, 50, 0.51)).toBeCloseTo(100, 10);
      expect(sharesForStake(asks, 101, 0.51)).toBeCloseTo(100 + 51 / 0.51, 10);
      expect(sharesForStake(asks, 1e9, 0.51)).toBeCloseTo(300, 10); // no more than the book holds
      expect(sharesForStake(asks, 0, 0.51)).toBe(0);
    });
  });

  describe('PortfolioSizer', () => {
    it('should size with fractional Kelly: fraction × confidence × maxEdge', () => {
      const sizer = PortfolioSizer.create(settings, 1000, []);
      const s = sizer.size({ marketId: 'm1', sector: 'sports', price: 0.4, confidence: 0.8, asks: deepAsks(0.4) });
      // full Kelly = (q − p)/(1 − p) = 0.8 × 0.1 = 0.08; × 0.25 → 2 % of 1000
      expect(s.kellyFraction).toBeCloseTo(0.02, 12);
      expect(s.stake).toBeCloseTo(20, 10);
      expect(s.shares).toBeCloseTo(50, 10);
      expect(s.limitedBy).toBe('none');
    });

    it('should cap at max_position_pct, the sector limit, the total and the depth, naming the cap', () => {
      const rich = { ...settings, kellyFraction: 1, maxEdge: 1 };
      expect(PortfolioSizer.create(rich, 1000, []).size({ marketId: 'm', sector: 'x', price: 0.5, confidence: 1, asks: deepAsks(0.5) }))
        .toMatchObject({ stake: 50, limitedBy: 'none' }); // Kelly itself is capped at 5 %
      const held = [{ marketId: 'p1', sector: 'Politics', cost: 70 }];
      expect(PortfolioSizer.create(rich, 1000, held).size({ marketId: 'p2', sector: 'POLITICS', price: 0.5, confidence: 1, asks: deepAsks(0.5) }))
        .toMatchObject({ stake: 10, limitedBy: 'sector' });
      expect(PortfolioSizer.create(rich, 1000, [{ marketId: 'x', sector: 'a', cost: 490 }]).size({ marketId: 'y', sector: 'b', price: 0.5, confidence: 1, asks: deepAsks(0.5) }))
        .toMatchObject({ stake: 10, limitedBy: 'total' });
      const thin = PortfolioSizer.create(rich, 1000, []).size({ marketId: 'm', sector: 'x', price: 0.5, confidence: 1, asks: [[0.5, 10], [0.52, 1000]] });
      expect(thin).toMatchObject({ stake: 5, limitedBy: 'depth' }); // 0.52 is past 2 % slippage
      expect(thin.shares).toBeCloseTo(10, 10);
    });

    it('should size 0 without confidence or without an ask book', () => {
      const sizer = PortfolioSizer.create(settings, 1000, []);
      expect(sizer.size({ marketId: 'm', sector: 'x', price: 0.5, confidence: 0, asks: deepAsks(0.5) })).toMatchObject({ stake: 0, limitedBy: 'kelly' });
      expect(sizer.size({ marketId: 'm', sector: 'x', price: 0.5, confidence: 1, asks: [] })).toMatchObject({ stake: 0, limitedBy: 'depth' });
    });

    it('should let later signals of a pass see the exposure earlier ones took', () => {
      const rich = { ...settings, kellyFraction: 1, maxEdge: 1 };
      const sizer = PortfolioSizer.create(rich, 1000, []);
      const stakes = ['p1', 'p2', 'p3'].map((m) => sizer.size({ marketId: m, sector: 'politics', price: 0.5, confidence: 1, asks: deepAsks(0.5) }).stake);
      expect(stakes).toEqual([50, 30, 0]); // politics: 8 % of 1000
    });

    it('should keep the Kelly fraction within [0, max_position_pct] and every stake within [0, its caps] for any input', () => {
      const num = fc.oneof(fc.double(), fc.double({ min: 0, max: 1 }), fc.constantFrom(0, 1, NaN, Infinity, -Infinity, 1e-12));
      fc.assert(
        fc.property(num, num, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 1, max: 1e7, noNaN: true }),
          (price, confidence, kellyFraction, maxPositionPct, equity) => {
            const sizer = PortfolioSizer.create({ ...settings, kellyFraction, maxPositionPct, maxEdge: 1 }, equity, []);
            const s = sizer.size({ marketId: 'm', sector: 'x', price, confidence, asks: deepAsks(Number.isFinite(price) ? price : 0.5) });
            expect(s.kellyFraction).toBeGreaterThanOrEqual(0);
            expect(s.kellyFraction).toBeLessThanOrEqual(maxPositionPct / 100);
            expect(s.stake).toBeGreaterThanOrEqual(0);
            expect(s.stake).toBeLessThanOrEqual((equity * maxPositionPct) / 100);
            expect(s.stake).toBeLessThanOrEqual(s.kellyStake);
            expect(Number.isFinite(s.shares)).toBe(true);
          }),
        { numRuns: 2000 },
      );
    });

    it('should never exceed a sector, market or total limit over any sequence of signals', () => {
      const sectors = ['politics', 'crypto', 'sports'];
      const signal = fc.record({
        market: fc.integer({ min: 0, max: 11 }), price: fc.double({ min: 0.01, max: 0.99, noNaN: true }), confidence: fc.double({ min: 0, max: 1, noNaN: true }),
        depth: fc.oneof(fc.double({ min: 0, max: 5000, noNaN: true }), fc.constant(1e9)),
      });
      const held = fc.array(fc.record({ market: fc.integer({ min: 0, max: 11 }), cost: fc.double({ min: 0, max: 300, noNaN: true }) }), { maxLength: 6 });
      const pct = fc.double({ min: 0, max: 100, noNaN: true });
      fc.assert(
        fc.property(
          fc.record({ kellyFraction: fc.double({ min: 0, max: 1, noNaN: true }), maxEdge: fc.double({ min: 0, max: 1, noNaN: true }), maxPositionPct: pct, maxTotalExposurePct: pct, politics: pct, crypto: pct }),
          fc.double({ min: 10, max: 100_000, noNaN: true }), held, fc.array(signal, { maxLength: 40 }),
          (cfg, equity, positions, signals) => {
            const sectorOfMarket = (m: number) => sectors[m % 3];
            const s: SizingSettings = { ...settings, ...cfg, sectorLimitsPct: { Politics: cfg.politics, crypto: cfg.crypto } };
            const limits = exposureLimits(s, equity);
            const start = positions.map((p) => ({ marketId: `m${p.market}`, sector: sectorOfMarket(p.market), cost: p.cost }));
            const sizer = PortfolioSizer.create(s, equity, start);
            const initialSector: Record<string, number> = {};
            const initialMarket: Record<string, number> = {};
            let initialTotal = 0;
            for (const p of start) {
              initialSector[p.sector] = (initialSector[p.sector] ?? 0) + p.cost;
              initialMarket[p.marketId] = (initialMarket[p.marketId] ?? 0) + p.cost;
              initialTotal += p.cost;
            }
            const addedSector: Record<string, number> = {};
            const addedMarket: Record<string, number> = {};
            let addedTotal = 0;
            for (const sig of signals) {
              const marketId = `m${sig.market}`;
              const sector = sectorOfMarket(sig.market);
              const sized = sizer.size({ marketId, sector, price: sig.price, confidence: sig.confidence, asks: [[sig.price, sig.depth / sig.price]] });
              expect(sized.stake).toBeGreaterThanOrEqual(0);
              expect(sized.stake).toBeLessThanOrEqual(sig.depth * (1 + 1e-9));
              addedSector[sector] = (addedSector[sector] ?? 0) + sized.stake;
              addedMarket[marketId] = (addedMarket[marketId] ?? 0) + sized.stake;
              addedTotal += sized.stake;
              const tol = (v: number) => v * (1 + 1e-9) + 1e-9;
              for (const sec of sectors) {
                const limit = limits.perSector?.[sec] ?? Infinity;
                const added = addedSector[sec] ?? 0;
                // a sector already over its limit takes nothing more; otherwise it ends within the limit
                if ((initialSector[sec] ?? 0) >= limit) expect(added).toBe(0);
                else expect((initialSector[sec] ?? 0) + added).toBeLessThanOrEqual(tol(limit));
              }
              for (const [m, added] of Object.entries(addedMarket)) {
                if ((initialMarket[m] ?? 0) >= limits.perMarket) expect(added).toBe(0);
                else expect((initialMarket[m] ?? 0) + added).toBeLessThanOrEqual(tol(limits.perMarket));
              }
              if (initialTotal >= limits.total) expect(addedTotal).toBe(0);
              else expect(initialTotal + addedTotal).toBeLessThanOrEqual(tol(limits.total));
            }
          },
        ),
        { numRuns: 400 },
      );
    });
  });
});
