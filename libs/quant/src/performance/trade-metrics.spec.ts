import fc from 'fast-check';
import { ClosedTradeOutcome, exposure, profitFactor, turnover, winRate } from './trade-metrics';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 1);
const trade = (pnl: number, cost: number, entryH: number, exitH: number): ClosedTradeOutcome => ({ pnl, cost, entryMs: T0 + entryH * HOUR, exitMs: T0 + exitH * HOUR });

describe('trade metrics', () => {
  const trades = [trade(5, 50, 0, 10), trade(-2, 20, 5, 15), trade(0, 10, 30, 40), trade(3, 30, 38, 48)];
  const window = { fromMs: T0, toMs: T0 + 4 * DAY };

  it('winRate: trades with pnl > 0 over all trades; break-even is not a win; none → NaN', () => {
    expect(winRate(trades)).toBe(2 / 4);
    expect(winRate([])).toBeNaN();
  });

  it('profitFactor: gross profit / gross loss, Infinity without losses, NaN without either, 0 with losses only', () => {
    expect(profitFactor(trades)).toBe(8 / 2);
    expect(profitFactor([trade(1, 10, 0, 1)])).toBe(Infinity);
    expect(profitFactor([trade(0, 10, 0, 1)])).toBeNaN();
    expect(profitFactor([])).toBeNaN();
    expect(profitFactor([trade(-1, 10, 0, 1)])).toBe(0);
  });

  it('exposure: union of open time clipped to the window (overlaps once) over the window', () => {
    // open 0–15 h (two overlapping trades) and 30–48 h (touching trades): 33 h of 96 h
    expect(exposure(trades, window)).toBeCloseTo(33 / 96, 15);
    // a trade sticking out of the window counts only inside it
    expect(exposure([trade(1, 1, -10, 12)], { fromMs: T0, toMs: T0 + DAY })).toBeCloseTo(0.5, 15);
    expect(exposure([], window)).toBe(0);
  });

  it('exposure agrees with counting covered minutes one by one', () => {
    const t = fc.tuple(fc.integer({ min: -60, max: 600 }), fc.integer({ min: 0, max: 300 })).map(([start, len]) => ({ pnl: 1, cost: 1, entryMs: T0 + start * 60_000, exitMs: T0 + (start + len) * 60_000 }));
    fc.assert(
      fc.property(fc.array(t, { maxLength: 12 }), (ts) => {
        let covered = 0;
        for (let m = 0; m < 480; m++) {
          const at = T0 + m * 60_000;
          if (ts.some((x) => x.entryMs <= at && at < x.exitMs)) covered++;
        }
        expect(exposure(ts, { fromMs: T0, toMs: T0 + 480 * 60_000 })).toBeCloseTo(covered / 480, 12);
      }),
    );
  });

  it('turnover: cost of the positions opened in the window over the capital, optionally per 365-day year', () => {
    expect(turnover(trades, 100, window)).toBe(110 / 100);
    expect(turnover(trades, 100, window, { perYear: true })).toBeCloseTo((110 / 100) * (365 / 4), 10);
    // a trade opened before the window is not turnover of this window
    expect(turnover([trade(1, 40, -5, 2)], 100, window)).toBe(0);
  });

  it('should name the trade and field of bad input', () => {
    expect(() => winRate([trades[0], { ...trades[1], pnl: NaN }])).toThrow('trades[1].pnl is NaN; a closed trade has a finite PnL');
    expect(() => profitFactor([{ ...trades[0], cost: 0 }])).toThrow('trades[0].cost must be a finite number > 0 (USDC), got 0');
    expect(() => exposure([trade(1, 1, 5, 4)], window)).toThrow(`trades[0] exits (${T0 + 4 * HOUR}) before it enters (${T0 + 5 * HOUR})`);
    expect(() => exposure(trades, { fromMs: T0, toMs: T0 })).toThrow(`window must have finite fromMs < toMs, got fromMs ${T0}, toMs ${T0}`);
    expect(() => turnover(trades, -1, window)).toThrow('capital must be a finite number > 0 (USDC), got -1');
  });
});
