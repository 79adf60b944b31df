import { SignalRuleSettings } from '@polytrader/quant';
import { HeldPosition, RebalanceInput, rebalanceSuggestions } from './rebalance';

const H = 3_600_000;
const now = Date.parse('2026-11-30T19:30:00Z');
const rules: SignalRuleSettings = {
  rocWindow: 4, hypeRocThreshold: 1, strongRocMultiple: 2, rvrThreshold: 2, maxPriceRoc: 0.1, maxPValue: 0.05, minAbsPearson: 0.1,
  maxAnalysisAgeMs: 48 * H, cooldownMs: 3_600_000, noEntryWindowMs: 24 * H, intervalMinutes: 15,
};
const pos = (over: Partial<HeldPosition> = {}): HeldPosition => ({ marketId: 'm1', tokenId: 'y1', outcome: 'Yes', size: 100, avgPrice: 0.4, cost: 40, ...over });
const good = { atMs: now - H, pAdj: 0.01, lag: 1, pearson: 0.3 };

function input(over: Partial<RebalanceInput> = {}): RebalanceInput {
  return {
    positions: [pos()], openMarkets: new Set(['m1', 'm2', 'm3']), analyses: new Map([['m1', good], ['m2', good], ['m3', good]]), latestSignals: new Map(),
    sectors: new Map([['m1', 'politics'], ['m2', 'politics'], ['m3', 'crypto']]),
    limits: { perMarket: 50, perSector: { politics: 60 }, defaultSector: Infinity, total: 500 }, rules, minChangePct: 10, nowMs: now, ...over,
  };
}

describe('rebalanceSuggestions()', () => {
  it('should suggest nothing for a position on target', () => {
    expect(rebalanceSuggestions(input())).toEqual([]);
  });

  it('should close positions in closed or no longer eligible markets', () => {
    expect(rebalanceSuggestions(input({ openMarkets: new Set() }))).toEqual([
      { marketId: 'm1', tokenId: 'y1', action: 'close', currentSize: 100, targetSize: 0, reason: 'market closed or no longer active' },
    ]);
    const [s] = rebalanceSuggestions(input({ analyses: new Map([['m1', { ...good, pAdj: 0.2 }]]) }));
    expect(s).toMatchObject({ action: 'close', targetSize: 0 });
    expect(s.reason).toMatch(/^no longer eligible: hype does not lead price/);
  });

  it('should close when the latest signal points the other way', () => {
    const latestSignals = new Map([['m1', { tokenId: 'n1', outcome: 'No', side: 'BUY' as const, size: 10 }]]);
    expect(rebalanceSuggestions(input({ latestSignals }))[0]).toMatchObject({ action: 'close', reason: 'the latest signal favours No' });
  });

  it('should reduce a sector over its limit proportionally', () => {
    const positions = [pos({ cost: 40 }), pos({ marketId: 'm2', tokenId: 'y2', cost: 40 }), pos({ marketId: 'm3', tokenId: 'y3', cost: 40 })];
    const got = rebalanceSuggestions(input({ positions }));
    expect(got.map((s) => [s.marketId, s.action, s.targetSize])).toEqual([['m1', 'reduce', 75], ['m2', 'reduce', 75]]);
    expect(got[0].reason).toBe('sector politics exposure 80.00 USDC over its limit 60.00');
  });

  it('should leave changes below rebalance_min_change_pct alone', () => {
    expect(rebalanceSuggestions(input({ positions: [pos({ cost: 54 })] }))).toEqual([]); // 50/54 = −7.4 %
    expect(rebalanceSuggestions(input({ positions: [pos({ cost: 56 })] }))[0]).toMatchObject({ action: 'reduce' }); // −10.7 %
  });

  it('should suggest an increase up to the signalled size within the market cap', () => {
    const latestSignals = new Map([['m1', { tokenId: 'y1', outcome: 'Yes', side: 'BUY' as const, size: 200 }]]);
    const [s] = rebalanceSuggestions(input({ latestSignals, positions: [pos({ size: 50, cost: 20 })] }));
    expect(s).toMatchObject({ action: 'increase', currentSize: 50, targetSize: 125 }); // 50 + (50 − 20)/0.4
  });
});
