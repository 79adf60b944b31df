import { GridPoint } from './indicators';
import { MarketSignalInput, SignalRuleSettings, evaluateMarket, eligibility } from './rules';

const I = 15 * 60_000;
const H = 3_600_000;
const now = Date.parse('2026-11-30T12:07:00Z');
const kNow = Math.floor(now / I);
const settings: SignalRuleSettings = {
  rocWindow: 4, hypeRocThreshold: 1, strongRocMultiple: 2, rvrThreshold: 2, maxPriceRoc: 0.1, maxPValue: 0.05, minAbsPearson: 0.1,
  maxAnalysisAgeMs: 48 * H, cooldownMs: 60 * 60_000, noEntryWindowMs: 24 * H, intervalMinutes: 15,
};
/** values for intervals kNow−n … kNow−1 (the newest complete interval last) */
const series = (...values: number[]): GridPoint[] => values.map((value, i) => ({ k: kNow - values.length + i, value }));

function input(over: Partial<MarketSignalInput> = {}): MarketSignalInput {
  return {
    market: { id: 'm1', category: 'Politics', tags: ['Politics'], endDateMs: now + 30 * 24 * H, outcomes: ['Yes', 'No'], tokenIds: ['t-yes', 't-no'] },
    yesPrices: series(0.5, 0.5, 0.5, 0.5, 0.51),
    volume24h: series(9600, 9600, 9600, 9600, 9700), // rvr 2
    hype: series(0.2, 0.3, 0.4, 0.8, 1.4), // +1.2 over 4
    analysis: { atMs: now - H, pAdj: 0.01, lag: 2, pearson: 0.4 },
    books: new Map([
      ['t-yes', { bestBid: 0.5, bestAsk: 0.52, asks: [[0.52, 500]], bids: [[0.5, 400]] }],
      ['t-no', { bestBid: 0.47, bestAsk: 0.49, asks: [[0.49, 300]], bids: [[0.47, 200]] }],
    ]),
    lastSignalMs: null,
    held: [],
    events: [],
    ...over,
  };
}

const reasonOf = (d: ReturnType<typeof evaluateMarket>) => (d.kind === 'skip' ? `${d.stage}: ${d.reason}` : 'signal');

describe('signal rules', () => {
  it('should BUY Yes at its ask when hype rises on a market where hype pushes the price up', () => {
    const d = evaluateMarket(input(), settings, now);
    expect(d.kind).toBe('signal');
    if (d.kind !== 'signal') return;
    expect(d.proposal).toMatchObject({ side: 'BUY', outcome: 'Yes', tokenId: 't-yes', price: 0.52, strength: 'MODERATE', exitSize: null });
    expect(d.proposal.reasons).toEqual([
      'granger p_adj=0.010 < 0.05 lag 2 (pearson +0.40)',
      'hype_roc=+1.20 over 4 intervals, |.| ≥ 1 (hype=+1.40)',
      'rvr=2.00 ≥ 2',
      'price_roc=+0.020 over 4 intervals < 0.1 (not yet moved)',
    ]);
    // significance 0.8 × (0.6 × 1.2/2 + 0.4 × 2/4)
    expect(d.proposal.confidence).toBeCloseTo(0.8 * (0.6 * 0.6 + 0.4 * 0.5), 12);
  });

  it('should BUY No when hype rises but pushes the price down, and when hype falls where it pushes up', () => {
    const neg = evaluateMarket(input({ analysis: { atMs: now - H, pAdj: 0.01, lag: 1, pearson: -0.3 } }), settings, now);
    expect(neg.kind === 'signal' && [neg.proposal.outcome, neg.proposal.price]).toEqual(['No', 0.49]);
    const falling = evaluateMarket(input({ hype: series(1.5, 1, 0.8, 0.5, 0.4) }), settings, now);
    expect(falling.kind === 'signal' && falling.proposal.outcome).toBe('No');
  });

  describe('eligibility', () => {
    it('should need an adjusted p just below max_p_value', () => {
      expect(evaluateMarket(input({ analysis: { atMs: now - H, pAdj: 0.0499, lag: 2, pearson: 0.4 } }), settings, now).kind).toBe('signal');
      expect(reasonOf(evaluateMarket(input({ analysis: { atMs: now - H, pAdj: 0.05, lag: 2, pearson: 0.4 } }), settings, now)))
        .toBe('eligibility: hype does not lead price: granger p_adj=0.050 ≥ 0.05');
    });
    it('should refuse a missing, stale or directionless analysis', () => {
      expect(eligibility(null, settings, now)).toBe('no analysis yet');
      expect(eligibility({ atMs: now - 48 * H, pAdj: 0.01, lag: 1, pearson: 0.4 }, settings, now)).toBeNull();
      expect(eligibility({ atMs: now - 48 * H - 1, pAdj: 0.01, lag: 1, pearson: 0.4 }, settings, now)).toMatch(/^analysis is 48.0 h old/);
      expect(eligibility({ atMs: now, pAdj: 0.01, lag: 1, pearson: 0 }, settings, now)).toBe('no direction: |pearson|=0.000 < 0.1');
      expect(eligibility({ atMs: now, pAdj: 0.01, lag: 1, pearson: -0.0999 }, settings, now)).toBe('no direction: |pearson|=0.100 < 0.1');
      expect(eligibility({ atMs: now, pAdj: 0.01, lag: 1, pearson: -0.1 }, settings, now)).toBeNull();
      expect(eligibility({ atMs: now, pAdj: NaN, lag: 1, pearson: 0.2 }, settings, now)).toMatch(/does not lead/);
    });
    it('should skip markets that are not binary', () => {
      const market = { ...input().market, outcomes: ['A', 'B', 'C'], tokenIds: ['a', 'b', 'c'] };
      expect(reasonOf(evaluateMarket(input({ market }), settings, now))).toBe('eligibility: not a binary market (3 outcomes)');
    });
  });

  describe('cooldown', () => {
    it('should stop repeats until cooldown_minutes have passed', () => {
      expect(reasonOf(evaluateMarket(input({ lastSignalMs: now - 60 * 60_000 + 1 }), settings, now))).toBe('cooldown: last signal 60 min ago (cooldown 60 min)');
      expect(evaluateMarket(input({ lastSignalMs: now - 60 * 60_000 }), settings, now).kind).toBe('signal');
      expect(evaluateMarket(input({ lastSignalMs: now + 1000 }), { ...settings, cooldownMs: 0 }, now).kind).toBe('signal'); // 0 = no cooldown
    });
  });

  describe('hype ROC', () => {
    it('should trigger at the threshold and not just below it', () => {
      expect(evaluateMarket(input({ hype: series(0, 0, 0, 0, 1) }), settings, now).kind).toBe('signal');
      expect(reasonOf(evaluateMarket(input({ hype: series(0, 0, 0, 0, 0.99) }), settings, now))).toBe('rule: hype_roc=+0.99 over 4 intervals, |.| < 1');
    });
    it('should need enough and fresh hype data', () => {
      expect(reasonOf(evaluateMarket(input({ hype: series(0, 1) }), settings, now))).toBe('data: not enough hype data for a 4-interval change');
      const old = series(0, 0, 0, 0, 2).map((p) => ({ ...p, k: p.k - 2 }));
      expect(reasonOf(evaluateMarket(input({ hype: old }), settings, now))).toBe('data: hype data is 3 intervals old');
    });
  });

  describe('strength', () => {
    it('should be WEAK without the volume confirmation (rvr just below, or unknown)', () => {
      const d = evaluateMarket(input({ volume24h: series(9600, 9699) }), settings, now);
      expect(d.kind === 'signal' && [d.proposal.strength, d.proposal.reasons[2]]).toEqual(['WEAK', 'rvr=1.99 < 2']);
      const none = evaluateMarket(input({ volume24h: series(9600) }), settings, now);
      expect(none.kind === 'signal' && [none.proposal.strength, none.proposal.reasons[2]]).toEqual(['WEAK', 'rvr=n/a < 2 (no volume confirmation)']);
    });
    it('should be STRONG with rvr ≥ threshold and |hype ROC| ≥ strong_roc_multiple × threshold, MODERATE just below', () => {
      const strong = evaluateMarket(input({ hype: series(0, 0, 0, 0, 2) }), settings, now);
      expect(strong.kind === 'signal' && strong.proposal.strength).toBe('STRONG');
      expect(strong.kind === 'signal' && strong.proposal.reasons).toContain('|hype_roc| ≥ 2 × 1');
      const moderate = evaluateMarket(input({ hype: series(0, 0, 0, 0, 1.99) }), settings, now);
      expect(moderate.kind === 'signal' && moderate.proposal.strength).toBe('MODERATE');
    });
    it('should keep confidence within [0, 1] and rising with significance', () => {
      const at = (pAdj: number) => {
        const d = evaluateMarket(input({ hype: series(0, 0, 0, 0, 9), volume24h: series(100, 1000), analysis: { atMs: now, pAdj, lag: 1, pearson: 1 } }), settings, now);
        return d.kind === 'signal' ? d.proposal.confidence : NaN;
      };
      expect(at(0)).toBe(1);
      expect(at(0.01)).toBeGreaterThan(at(0.04));
      expect(at(0.04)).toBeGreaterThan(0);
    });
  });

  describe('price ROC', () => {
    it('should refuse an entry once the outcome already moved max_price_roc, and accept just below', () => {
      expect(reasonOf(evaluateMarket(input({ yesPrices: series(0.5, 0.5, 0.5, 0.5, 0.55) }), settings, now)))
        .toBe('rule: price already moved: Yes price_roc=+0.100 over 4 intervals ≥ 0.1');
      expect(evaluateMarket(input({ yesPrices: series(0.5, 0.5, 0.5, 0.5, 0.5499) }), settings, now).kind).toBe('signal');
    });
    it('should judge a No entry on the No price', () => {
      const analysis = { atMs: now - H, pAdj: 0.01, lag: 1, pearson: -0.3 };
      // Yes fell 0.5 → 0.45, so No rose 0.5 → 0.55: +10 %
      expect(reasonOf(evaluateMarket(input({ analysis, yesPrices: series(0.5, 0.5, 0.5, 0.5, 0.45) }), settings, now))).toMatch(/No price_roc=\+0.100/);
    });
    it('should need enough price data', () => {
      expect(reasonOf(evaluateMarket(input({ yesPrices: series(0.5) }), settings, now))).toBe('data: not enough price data for a 4-interval change');
    });
  });

  describe('calendar', () => {
    it('should refuse entries within no_entry_before_resolution_h of the end date, not just outside it', () => {
      const market = (endDateMs: number) => ({ ...input().market, endDateMs });
      expect(reasonOf(evaluateMarket(input({ market: market(now + 24 * H) }), settings, now))).toBe('calendar: no entry: resolution in 24.0 h (window 24 h)');
      expect(evaluateMarket(input({ market: market(now + 24 * H + 1) }), settings, now).kind).toBe('signal');
    });
    it('should refuse entries before a config event that concerns the market', () => {
      const events = [{ name: 'debate', atMs: now + 2 * H, marketIds: [], tags: ['politics'] }];
      expect(reasonOf(evaluateMarket(input({ events }), settings, now))).toBe('calendar: no entry: event "debate" in 2.0 h (window 24 h)');
    });
  });

  describe('exits', () => {
    it('should SELL a held outcome that hype now expects to fall, at its bid, even near resolution', () => {
      const market = { ...input().market, endDateMs: now + H };
      const d = evaluateMarket(input({ market, held: [{ tokenId: 't-no', size: 40 }] }), settings, now);
      expect(d.kind === 'signal' && d.proposal).toMatchObject({ side: 'SELL', outcome: 'No', tokenId: 't-no', price: 0.47, exitSize: 40 });
      expect(d.kind === 'signal' && d.proposal.reasons.at(-1)).toBe('exit: holding No, hype now points to Yes');
    });
  });

  describe('book', () => {
    it('should need an ask for the outcome bought', () => {
      const books = new Map([['t-yes', { bestBid: 0.5, bestAsk: null, asks: [], bids: [] }]]);
      expect(reasonOf(evaluateMarket(input({ books }), settings, now))).toBe('book: no ask for Yes');
    });
  });
});
