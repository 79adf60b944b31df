import fc from 'fast-check';
import { QuantInputError } from '../stats/errors';
import { ExposureLimits, SectorLimiter, allowedOrderSize, sectorLimit } from './sector-limiter';

const limits: ExposureLimits = { perMarket: 100, perSector: { politics: 150, crypto: 80 }, defaultSector: 120, total: 300 };

describe('allowedOrderSize()', () => {
  const empty = { markets: {}, sectors: {}, total: 0 };

  it('should allow the whole request when every limit has room', () => {
    expect(allowedOrderSize(empty, limits, { market: 'm1', sector: 'politics', size: 40, bookDepth: 500 })).toEqual({ size: 40, limitedBy: 'none' });
  });

  it('should cut to the tightest limit and name it', () => {
    const ex = { markets: { m1: 70, m2: 60 }, sectors: { politics: 130 }, total: 200 };
    expect(allowedOrderSize(ex, limits, { market: 'm1', sector: 'politics', size: 50, bookDepth: 500 })).toEqual({ size: 20, limitedBy: 'sector' });
    expect(allowedOrderSize({ ...ex, total: 290 }, limits, { market: 'm3', sector: 'sports', size: 50, bookDepth: 500 })).toEqual({ size: 10, limitedBy: 'total' });
    expect(allowedOrderSize(empty, limits, { market: 'm3', sector: 'sports', size: 500, bookDepth: 1000 })).toEqual({ size: 100, limitedBy: 'market' });
    expect(allowedOrderSize(empty, limits, { market: 'm3', sector: 'sports', size: 50, bookDepth: 12.5 })).toEqual({ size: 12.5, limitedBy: 'depth' });
  });

  it('should give 0 (never negative) when a limit is already exceeded', () => {
    const ex = { markets: { m1: 130 }, sectors: { politics: 130 }, total: 130 };
    expect(allowedOrderSize(ex, limits, { market: 'm1', sector: 'politics', size: 10, bookDepth: 100 })).toEqual({ size: 0, limitedBy: 'market' });
  });

  it('should use defaultSector for unlisted sectors and not read inherited keys', () => {
    expect(sectorLimit(limits, 'weather')).toBe(120);
    expect(sectorLimit(limits, 'constructor')).toBe(120);
    expect(allowedOrderSize(empty, limits, { market: '__proto__', sector: 'toString', size: 50, bookDepth: 500 })).toEqual({ size: 50, limitedBy: 'none' });
  });

  it('should keep current + size ≤ limit exactly in floating point', () => {
    const ex = { markets: { m1: 0.1 }, sectors: { s: 0.1 }, total: 0.1 };
    const tight = { perMarket: 0.3, defaultSector: 0.3, total: 0.3 };
    const { size } = allowedOrderSize(ex, tight, { market: 'm1', sector: 's', size: 1, bookDepth: 1 });
    expect(0.1 + size).toBeLessThanOrEqual(0.3);
    expect(size).toBeGreaterThan(0.19999999);
  });

  it('should fail safe to 0 on NaN, negative or infinite input', () => {
    const order = { market: 'm', sector: 's', size: 10, bookDepth: 10 };
    const bad = { size: 0, limitedBy: 'invalid' };
    expect(allowedOrderSize(empty, limits, { ...order, size: NaN })).toEqual(bad);
    expect(allowedOrderSize(empty, limits, { ...order, size: -1 })).toEqual(bad);
    expect(allowedOrderSize(empty, limits, { ...order, size: Infinity })).toEqual(bad);
    expect(allowedOrderSize(empty, limits, { ...order, bookDepth: NaN })).toEqual(bad);
    expect(allowedOrderSize(empty, { ...limits, perMarket: NaN }, order)).toEqual(bad);
    expect(allowedOrderSize(empty, { ...limits, total: -5 }, order)).toEqual(bad);
    expect(allowedOrderSize({ ...empty, total: NaN }, limits, order)).toEqual(bad);
  });

  it('should treat Infinity limits and depth as unconstrained', () => {
    const open = { perMarket: Infinity, defaultSector: Infinity, total: Infinity };
    expect(allowedOrderSize(empty, open, { market: 'm', sector: 's', size: 1e9, bookDepth: Infinity })).toEqual({ size: 1e9, limitedBy: 'none' });
  });
});

describe('SectorLimiter', () => {
  it('should record fills immutably and size later orders against them', () => {
    const a = SectorLimiter.create(limits);
    const b = a.withFill('m1', 'crypto', 60);
    expect(a.exposures()).toEqual({ markets: {}, sectors: {}, total: 0 });
    expect(b.exposures()).toEqual({ markets: { m1: 60 }, sectors: { crypto: 60 }, total: 60 });
    expect(b.allowed({ market: 'm2', sector: 'crypto', size: 50, bookDepth: 100 })).toEqual({ size: 20, limitedBy: 'sector' });
    const c = b.withRelease('m1', 100);
    expect(c.exposures()).toEqual({ markets: { m1: 0 }, sectors: { crypto: 0 }, total: 0 });
    expect(c.withRelease('unknown', 5)).toBe(c);
  });

  it('should keep a market in one sector', () => {
    const l = SectorLimiter.create(limits).withFill('m1', 'crypto', 10);
    expect(l.allowed({ market: 'm1', sector: 'politics', size: 5, bookDepth: 100 })).toEqual({ size: 0, limitedBy: 'invalid' });
    expect(() => l.withFill('m1', 'politics', 5)).toThrow(QuantInputError);
    expect(() => l.withFill('m1', 'crypto', NaN)).toThrow(QuantInputError);
    expect(() => l.withRelease('m1', -1)).toThrow(QuantInputError);
  });

  it('should never exceed any limit over any random sequence of orders and releases', () => {
    const amount = fc.oneof(fc.double({ min: 0, max: 200, noNaN: true }), fc.constantFrom(0, 0.1, 0.2, 0.3, 1e-9, 33.333333333333336));
    const step = fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('order' as const), market: fc.integer({ min: 0, max: 7 }), size: amount, bookDepth: fc.oneof(amount, fc.constant(Infinity)) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), market: fc.integer({ min: 0, max: 7 }), size: amount }) },
    );
    const limitValue = fc.oneof(fc.double({ min: 0, max: 400, noNaN: true }), fc.constantFrom(0, 0.3, 100, Infinity));
    const limitsArb = fc.record({
      perMarket: limitValue,
      perSector: fc.record({ s0: limitValue, s1: limitValue }),
      defaultSector: limitValue,
      total: limitValue,
    });
    const sectorOf = (m: number) => `s${m % 3}`; // s2 has no entry: defaultSector applies

    fc.assert(
      fc.property(limitsArb, fc.array(step, { maxLength: 60 }), (lim, steps) => {
        let book = SectorLimiter.create(lim);
        for (const s of steps) {
          const market = `m${s.market}`;
          const sector = sectorOf(s.market);
          if (s.kind === 'release') {
            book = book.withRelease(market, s.size);
            continue;
          }
          const before = book.exposures();
          const d = book.allowed({ market, sector, size: s.size, bookDepth: s.bookDepth });
          expect(Object.is(d.size, -0)).toBe(false);
          expect(d.size).toBeGreaterThanOrEqual(0);
          expect(d.size).toBeLessThanOrEqual(s.size);
          expect(d.size).toBeLessThanOrEqual(s.bookDepth);
          book = book.withFill(market, sector, d.size);
          const ex = book.exposures();
          // the tracked figures never pass a limit, not even by an ulp
          expect(ex.markets[market]).toBeLessThanOrEqual(Math.max(lim.perMarket, before.markets[market] ?? 0));
          expect(ex.sectors[sector]).toBeLessThanOrEqual(Math.max(sectorLimit(lim, sector), before.sectors[sector] ?? 0));
          expect(ex.total).toBeLessThanOrEqual(Math.max(lim.total, before.total));
          // and neither do independently recomputed sums (up to summation-order rounding)
          const bySector: Record<string, number> = {};
          let total = 0;
          for (const [m, v] of Object.entries(ex.markets)) {
            bySector[sectorOf(Number(m.slice(1)))] = (bySector[sectorOf(Number(m.slice(1)))] ?? 0) + v;
            total += v;
            expect(v).toBeLessThanOrEqual(lim.perMarket);
          }
          for (const [sec, v] of Object.entries(bySector)) expect(v).toBeLessThanOrEqual(sectorLimit(lim, sec) * (1 + 1e-12) + 1e-12);
          expect(total).toBeLessThanOrEqual(lim.total * (1 + 1e-12) + 1e-12);
        }
      }),
      { numRuns: 300 },
    );
  });
});
