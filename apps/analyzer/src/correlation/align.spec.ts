import { LOGIT_EPSILON, alignMarket, logit, logitChanges, mentionGrid, priceGrid } from './align';

const MIN = 15;
const SLOT = MIN * 60_000;
const at = (k: number, offsetMs = 0) => k * SLOT + offsetMs;
const window = { fromK: 100, toK: 105, minutes: MIN };

describe('priceGrid', () => {
  it('should put each observation in the interval containing it and keep the earliest per interval', () => {
    const grid = priceGrid([
      { tMs: at(101, 30_000), price: 0.52 }, // snapshot, 30 s into the slot
      { tMs: at(101), price: 0.5 }, // CLOB history point at the slot: earlier, wins
      { tMs: at(102, 5_000), price: 0.55 },
      { tMs: at(103, SLOT - 1), price: 0.6 }, // last ms of 103
      { tMs: at(99), price: 0.1 }, // before the window
      { tMs: at(105), price: 0.9 }, // toK is exclusive
    ], window);
    expect([...grid]).toEqual([Number.NaN, 0.5, 0.55, 0.6, Number.NaN]);
  });

  it('should ignore prices that are not probabilities and leave gaps as NaN (never carried forward)', () => {
    const grid = priceGrid([{ tMs: at(100), price: 1.5 }, { tMs: at(101), price: Number.NaN }, { tMs: at(102), price: 0.4 }], window);
    expect([...grid]).toEqual([Number.NaN, Number.NaN, 0.4, Number.NaN, Number.NaN]);
  });

  it('should refuse a window that is not whole intervals', () => {
    expect(() => priceGrid([], { fromK: 5, toK: 4, minutes: 15 })).toThrow('fromK ≤ toK, got 5..4');
    expect(() => priceGrid([], { fromK: 0, toK: 4, minutes: 0 })).toThrow('grid minutes must be > 0, got 0');
  });
});

describe('mentionGrid', () => {
  it('should be ln(1 + mentions) by interval start, NaN where hype was not scored', () => {
    const grid = mentionGrid([{ intervalStartMs: at(100), mentions: 0 }, { intervalStartMs: at(102), mentions: 9 }, { intervalStartMs: at(104), mentions: -1 }], window);
    expect([...grid]).toEqual([0, Number.NaN, Math.log(10), Number.NaN, Number.NaN]);
  });
});

describe('logit changes', () => {
  it('should clamp to [ε, 1 − ε] so 0 and 1 stay finite', () => {
    expect(logit(0.5)).toBe(0);
    expect(logit(0)).toBeCloseTo(Math.log(LOGIT_EPSILON / (1 - LOGIT_EPSILON)), 12);
    expect(logit(1)).toBeCloseTo(-logit(0), 12);
  });

  it('should difference consecutive present prices only', () => {
    const y = logitChanges(Float64Array.from([0.5, 0.6, Number.NaN, 0.4, 0.5]));
    expect(y[0]).toBeNaN();
    expect(y[1]).toBeCloseTo(logit(0.6), 12);
    expect(y[2]).toBeNaN();
    expect(y[3]).toBeNaN();
    expect(y[4]).toBeCloseTo(-logit(0.4), 12);
  });
});

describe('alignMarket', () => {
  it('should pair mentions of interval k with the logit change into interval k, and count complete points', () => {
    const prices = [0.5, 0.6, 0.55, 0.7, 0.7].map((p, i) => ({ tMs: at(100 + i, 1000), price: p }));
    const mentions = [3, 4, 5].map((m, i) => ({ intervalStartMs: at(101 + i), mentions: m }));
    const s = alignMarket(prices, mentions, window);
    expect(s.points).toBe(3); // k = 101, 102, 103 (104 has no mentions, 100 no previous price)
    expect(s.cause[1]).toBeCloseTo(Math.log(4), 12);
    expect(s.effect[1]).toBeCloseTo(logit(0.6) - logit(0.5), 12);
    expect(s.effect[4]).toBe(0);
  });
});
