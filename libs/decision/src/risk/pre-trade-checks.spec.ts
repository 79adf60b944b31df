import { CheckInput, runPreTradeChecks } from './pre-trade-checks';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

/** An entry that passes every check; each scenario moves one input to its limit and just inside it. */
function input(over: Partial<CheckInput> = {}): CheckInput {
  return {
    now: NOW, state: { name: 'ACTIVE', why: '' }, intent: 'open', side: 'BUY', size: 20, addedExposure: 10, signalTs: minutesAgo(1), sector: 'politics',
    metrics: { equity: 1000, dailyPnlPct: 0, drawdownPct: 0 },
    exposure: { market: 0, sector: 0, total: 0, openPositions: 0 },
    market: { closed: false, endDate: '2026-12-10T00:00:00.000Z', liquidity: 5000 },
    book: { levels: [[0.5, 1000]], ts: minutesAgo(1) },
    limits: {
      dailyLossLimit: -5, maxDrawdown: -15, maxPositionPct: 5, maxTotalExposurePct: 50, sectorLimits: { politics: 20 }, maxOpenPositions: 10,
      minLiquidity: 1000, minBookDepth: 50, maxDataAgeMinutes: 30, minHoursToResolution: 24,
    },
    ...over,
  };
}
const limits = input().limits;

describe('runPreTradeChecks', () => {
  it('should approve an entry inside every limit (no reasons)', () => {
    expect(runPreTradeChecks(input())).toEqual([]);
  });

  describe.each<[rule: string, atLimit: Partial<CheckInput>, inside: Partial<CheckInput>, reason: RegExp]>([
    ['daily loss', { metrics: { equity: 950, dailyPnlPct: -5, drawdownPct: -5 } }, { metrics: { equity: 950.1, dailyPnlPct: -4.99, drawdownPct: -4.99 } },
      /^daily loss limit: -5\.00% of start-of-day equity reached the limit -5%$/],
    ['max drawdown', { metrics: { equity: 850, dailyPnlPct: 0, drawdownPct: -15 } }, { metrics: { equity: 850.1, dailyPnlPct: 0, drawdownPct: -14.99 } },
      /^max drawdown: -15\.00% below the high-water mark reached the limit -15%$/],
    ['market exposure', { exposure: { market: 40.01, sector: 0, total: 40.01, openPositions: 1 } }, { exposure: { market: 40, sector: 0, total: 40, openPositions: 1 } },
      /^market exposure: 50\.01 USDC would be 5\.00% of equity, limit 5%$/],
    ['sector exposure', { exposure: { market: 0, sector: 190.01, total: 190.01, openPositions: 5 } }, { exposure: { market: 0, sector: 190, total: 190, openPositions: 5 } },
      /^sector "politics" exposure: 200\.01 USDC would be 20\.00% of equity, limit 20%$/],
    ['total exposure', { exposure: { market: 0, sector: 0, total: 490.01, openPositions: 5 } }, { exposure: { market: 0, sector: 0, total: 490, openPositions: 5 } },
      /^total exposure: 500\.01 USDC would be 50\.00% of equity, limit 50%$/],
    ['max open positions', { exposure: { market: 0, sector: 0, total: 0, openPositions: 10 } }, { exposure: { market: 0, sector: 0, total: 0, openPositions: 9 } },
      /^max open positions: 10 open, limit 10$/],
    ['minimum liquidity', { market: { closed: false, endDate: null, liquidity: 999.99 } }, { market: { closed: false, endDate: null, liquidity: 1000 } },
      /^liquidity 999\.99 USDC below the minimum 1000$/],
    ['book depth', { book: { levels: [[0.5, 99.98]], ts: minutesAgo(1) } }, { book: { levels: [[0.5, 100]], ts: minutesAgo(1) } },
      /^book depth 49\.99 USDC below the minimum 50$/],
    ['stale data', { book: { levels: [[0.5, 1000]], ts: minutesAgo(30.1) } }, { book: { levels: [[0.5, 1000]], ts: minutesAgo(30) } },
      /^stale data: order book 30\.1 min old, maximum 30 min$/],
    ['stale signal', { signalTs: minutesAgo(30.1) }, { signalTs: minutesAgo(30) }, /^stale signal: 30\.1 min old, maximum 30 min$/],
    ['too close to resolution', { market: { closed: false, endDate: new Date(NOW.getTime() + 23.9 * 3_600_000).toISOString(), liquidity: 5000 } },
      { market: { closed: false, endDate: new Date(NOW.getTime() + 24 * 3_600_000).toISOString(), liquidity: 5000 } },
      /^too close to resolution: 23\.9 h left, minimum 24 h$/],
    ['halted', { state: { name: 'HALTED', why: 'daily loss limit breached' } }, { state: { name: 'ACTIVE', why: '' } }, /^halted: daily loss limit breached$/],
    ['reducing', { state: { name: 'REDUCING', why: 'on command from cli: news' } }, { state: { name: 'ACTIVE', why: '' } },
      /^reducing: only position-reducing orders pass \(on command from cli: news\)$/],
  ])('%s', (_rule, atLimit, inside, reason) => {
    it('should reject at the limit with its reason', () => {
      const reasons = runPreTradeChecks(input(atLimit));
      expect(reasons).toHaveLength(1);
      expect(reasons[0]).toMatch(reason);
    });
    it('should approve just inside it', () => {
      expect(runPreTradeChecks(input(inside))).toEqual([]);
    });
  });

  it('should give every reason, not only the first', () => {
    const reasons = runPreTradeChecks(input({ market: { closed: true, endDate: null, liquidity: 10 }, exposure: { market: 0, sector: 0, total: 0, openPositions: 10 } }));
    expect(reasons).toEqual(['market closed', 'liquidity 10.00 USDC below the minimum 1000', 'max open positions: 10 open, limit 10']);
  });

  it('should let a position-reducing order through REDUCING and past the loss limits, but never through HALTED', () => {
    const close = { intent: 'close' as const, addedExposure: 0, metrics: { equity: 900, dailyPnlPct: -10, drawdownPct: -10 } };
    expect(runPreTradeChecks(input({ ...close, state: { name: 'REDUCING', why: 'x' } }))).toEqual([]);
    expect(runPreTradeChecks(input({ ...close, state: { name: 'HALTED', why: 'kill' } }))).toEqual(['halted: kill']);
  });

  it('should reject a SELL with no shares held (no short selling) with no_position, and pass a SELL that closes', () => {
    const noPosition = /^no_position: SELL of 20\.0000 shares but none of the token are held/;
    expect(runPreTradeChecks(input({ side: 'SELL' }))).toEqual([expect.stringMatching(noPosition)]);
    expect(runPreTradeChecks(input({ side: 'SELL', intent: 'increase' }))).toEqual([expect.stringMatching(noPosition)]);
    expect(runPreTradeChecks(input({ side: 'SELL', intent: 'close', addedExposure: 0 }))).toEqual([]);
  });

  it('should reject — never approve — when a check throws (fail-safe)', () => {
    const book = { ts: minutesAgo(1), get levels(): never { throw new Error('corrupt book row'); } };
    expect(runPreTradeChecks(input({ book }))).toEqual(['check book_depth failed: corrupt book row']);
  });

  it('should not let a sector without a configured limit be limited', () => {
    expect(runPreTradeChecks(input({ sector: 'sports', exposure: { market: 0, sector: 400, total: 0, openPositions: 0 } }))).toEqual([]);
    expect(limits.sectorLimits.sports).toBeUndefined();
  });
});
