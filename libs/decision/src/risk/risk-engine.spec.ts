import { SignalGeneratedEvent, Subjects, parse } from '@polytrader/contracts';
import type { BookSummaryRecord, MarketRecord } from '@polytrader/persistence';
import type { ExecutionVenue } from './execution-venue';
import type { MarketData, MarketView } from './market-view';
import { PaperBroker } from './paper-broker';
import { EngineConfig, HaltView, RiskEngine, RiskStep } from './risk-engine';

const T0 = new Date('2026-11-30T12:00:00.000Z');
const RUNNING: HaltView = { halted: false, reason: '' };

/** In-memory market data: the paper broker and the checks read it exactly as they read the stored one. */
class Markets implements MarketData {
  readonly views = new Map<string, MarketView>();
  fail = false;
  add(id: string, book: { bids: [number, number][]; asks: [number, number][] }, over: Partial<MarketRecord> = {}, ts = T0.toISOString()): void {
    const market: MarketRecord = {
      id, conditionId: `c-${id}`, slug: id, question: id, category: 'Politics', tags: [], endDate: '2026-12-30T00:00:00.000Z', active: true, closed: false,
      outcomes: ['Yes', 'No'], tokenIds: [`${id}-yes`, `${id}-no`], ...over,
    };
    const b: BookSummaryRecord = {
      marketId: id, tokenId: `${id}-yes`, cycleId: 'c1', ts, bestBid: book.bids[0]?.[0] ?? null, bestAsk: book.asks[0]?.[0] ?? null,
      mid: book.bids[0] && book.asks[0] ? (book.bids[0][0] + book.asks[0][0]) / 2 : null, spread: null, bidDepth: 0, askDepth: 0, bids: book.bids, asks: book.asks,
    };
    const mid = b.mid ?? 0.5;
    this.views.set(id, { market, snapshot: { marketId: id, cycleId: 'c1', ts, outcomePrices: [mid, 1 - mid], volume24h: 1e5, liquidity: 1e5 }, books: new Map([[b.tokenId, b]]) });
  }
  async view(id: string): Promise<MarketView> {
    if (this.fail) throw new Error('database is locked');
    return this.views.get(id) ?? { market: null, snapshot: null, books: new Map() };
  }
  invalidate(): void {}
}

const CONFIG: EngineConfig = {
  initialEquity: 1000, timezone: 'UTC', warningThreshold: 0.8, maxConsecutiveErrors: 3, stopLossPct: 20, takeProfitPct: 50,
  limits: {
    dailyLossLimit: -5, maxDrawdown: -15, maxPositionPct: 10, maxTotalExposurePct: 80, sectorLimits: {}, maxOpenPositions: 10, minLiquidity: 1000,
    minBookDepth: 10, maxDataAgeMinutes: 30, minHoursToResolution: 24,
  },
};

let seq = 0;
function signal(marketId: string, side: 'BUY' | 'SELL', size: number, price = 0.5): SignalGeneratedEvent {
  return {
    v: 1, id: `s${++seq}`, ts: T0.toISOString(), source: 'signals', marketId, outcome: 'Yes', tokenId: `${marketId}-yes`, side, price, strength: 'STRONG',
    confidence: 0.7, size, reasons: ['test'],
  };
}

describe('RiskEngine', () => {
  let markets: Markets;
  let engine: RiskEngine;
  let now: Date;

  const run = async (p: Promise<RiskStep> | RiskStep) => {
    const step = await p;
    engine.apply(step);
    for (const e of step.events) expect(parse(e.subject, JSON.stringify(e.event))).toMatchObject({ ok: true });
    return step;
  };
  const subjects = (step: RiskStep) => step.events.map((e) => e.subject);

  beforeEach(() => {
    markets = new Markets();
    now = T0;
    markets.add('m1', { bids: [[0.49, 100], [0.45, 1000]], asks: [[0.5, 100], [0.51, 100], [0.6, 1000]] });
    engine = new RiskEngine(CONFIG, new PaperBroker(markets, { feeBps: 100, maxSlippagePct: 5 }), markets, () => now);
  });

  it('should keep with each decision what it read: the book walked, the snapshot, the market and the analysis, each with its time', async () => {
    const hashed = new RiskEngine({ ...CONFIG, configHash: 'abc123' }, new PaperBroker(markets, { feeBps: 100, maxSlippagePct: 5 }), markets, () => now);
    const s = { ...signal('m1', 'BUY', 10), analysisAt: '2026-11-30T03:00:00.000Z', analysisP: 0.004, analysisLag: 2 };
    const step = await hashed.onSignal(s, RUNNING);
    expect(step.commit.decision?.inputs).toEqual({
      configHash: 'abc123',
      book: { tokenId: 'm1-yes', cycleId: 'c1', observedAt: T0.toISOString(), bids: [[0.49, 100], [0.45, 1000]], asks: [[0.5, 100], [0.51, 100], [0.6, 1000]] },
      snapshot: { cycleId: 'c1', observedAt: T0.toISOString() }, marketObservedAt: null,
      analysis: { at: '2026-11-30T03:00:00.000Z', pAdj: 0.004, lag: 2 },
    });
    // a rejection keeps them too, and a market with nothing stored says so
    const rejected = await hashed.onSignal(signal('unknown', 'BUY', 10), RUNNING);
    expect(rejected.commit.decision).toMatchObject({ decision: 'rejected', inputs: { configHash: 'abc123', book: null, snapshot: null, marketObservedAt: null, analysis: null } });
  });

  it('should approve a signal, walk the book with slippage and fees, and open a position', async () => {
    const step = await run(engine.onSignal(signal('m1', 'BUY', 150), RUNNING));
    expect(subjects(step)).toEqual([Subjects.RiskApproved, Subjects.TradeOpened]);
    const [order] = step.commit.orders;
    expect(order).toMatchObject({ status: 'filled', filledSize: 150, fills: [[0.5, 100], [0.51, 50]], intent: 'open', trigger: 'signal' });
    expect(order.avgPrice).toBeCloseTo((50 + 25.5) / 150, 9);
    expect(order.fees).toBeCloseTo(0.755, 9);
    expect(step.commit.decision?.reasons).toEqual(['trading state ACTIVE', 'approved: open BUY 150.0000 shares']);
    const [p] = engine.snapshot().positions;
    expect(p).toMatchObject({ side: 'BUY', size: 150, sector: 'politics', tradeId: `T-${order.orderId}` });
    expect(engine.metrics().equity).toBeCloseTo(1000 - 0.755 + (0.495 - order.avgPrice!) * 150, 9);
  });

  it('should fill partially when the book runs out within the slippage limit', async () => {
    markets.add('thin', { bids: [[0.49, 50]], asks: [[0.5, 50], [0.6, 1000]] });
    const step = await run(engine.onSignal(signal('thin', 'BUY', 100), RUNNING));
    expect(step.commit.orders[0]).toMatchObject({ status: 'partial', filledSize: 50, requestedSize: 100, fills: [[0.5, 50]] });
  });

  it('should close on an opposite signal with the realized PnL net of fees', async () => {
    await run(engine.onSignal(signal('m1', 'BUY', 100), RUNNING));
    const step = await run(engine.onSignal(signal('m1', 'SELL', 1), RUNNING));
    expect(subjects(step)).toEqual([Subjects.RiskApproved, Subjects.TradeClosed]);
    const close = step.commit.orders[0];
    expect(close).toMatchObject({ intent: 'close', trigger: 'opposite_signal', filledSize: 100, fills: [[0.49, 100]] });
    expect(close.realizedPnl).toBeCloseTo((0.49 - 0.5) * 100 - 0.49, 9);
    expect(step.commit.trades[0]).toMatchObject({ status: 'closed', realizedPnl: expect.closeTo(-1 - 0.5 - 0.49, 9) });
    expect(engine.snapshot().positions).toEqual([]);
  });

  it('should reject a SELL with no position (no short selling) with no_position: no order, no fill, no position', async () => {
    const step = await run(engine.onSignal(signal('m1', 'SELL', 50), RUNNING));
    expect(step.commit.decision).toMatchObject({ decision: 'rejected', size: null });
    expect(step.commit.decision?.reasons).toEqual(['trading state ACTIVE', expect.stringMatching(/^no_position: SELL of 50\.0000 shares/)]);
    expect(subjects(step)).toEqual([Subjects.RiskRejected]);
    expect(step.commit.orders).toEqual([]);
    expect(step.commit.trades).toEqual([]);
    expect(step.commit.positions).toEqual({ upsert: [], remove: [] });
    expect(engine.snapshot().positions).toEqual([]);
    expect(engine.metrics().equity).toBe(1000);
  });

  it('should clamp a SELL of more shares than held to the shares held and close the position', async () => {
    await run(engine.onSignal(signal('m1', 'BUY', 100), RUNNING));
    const step = await run(engine.onSignal(signal('m1', 'SELL', 500), RUNNING));
    expect(step.commit.decision?.reasons).toEqual(['trading state ACTIVE', 'approved: close SELL 100.0000 shares']);
    expect(step.commit.orders).toEqual([expect.objectContaining({ intent: 'close', requestedSize: 100, filledSize: 100 })]);
    expect(engine.snapshot().positions).toEqual([]);
    const again = await run(engine.onSignal(signal('m1', 'SELL', 500), RUNNING));
    expect(again.commit.decision?.decision).toBe('rejected');
    expect(again.commit.orders).toEqual([]);
  });

  it('should never add to a stored (legacy) short, but close it on a BUY', async () => {
    await run(engine.onSignal(signal('m1', 'BUY', 100), RUNNING));
    const [held] = engine.snapshot().positions;
    engine.restore(engine.snapshot().state, [{ ...held, side: 'SELL', avgPrice: 0.5, cost: 50, unrealizedPnl: 0 }]);
    const add = await run(engine.onSignal(signal('m1', 'SELL', 20), RUNNING));
    expect(add.commit.decision?.reasons).toContainEqual(expect.stringMatching(/^no_position: /));
    expect(add.commit.orders).toEqual([]);
    const close = await run(engine.onSignal(signal('m1', 'BUY', 20), RUNNING));
    expect(close.commit.orders).toEqual([expect.objectContaining({ intent: 'close', side: 'BUY', filledSize: 100 })]);
    expect(engine.snapshot().positions).toEqual([]);
  });

  it('should exit on stop-loss and on take-profit after a cycle marks the position', async () => {
    markets.add('m2', { bids: [[0.49, 1000]], asks: [[0.5, 1000]] });
    await run(engine.onSignal(signal('m1', 'BUY', 100), RUNNING));
    await run(engine.onSignal(signal('m2', 'BUY', 100), RUNNING));
    markets.add('m1', { bids: [[0.38, 1000]], asks: [[0.4, 1000]] }); // −21 % → stop-loss
    markets.add('m2', { bids: [[0.78, 1000]], asks: [[0.8, 1000]] }); // +58 % → take-profit
    const step = await run(engine.onCycle('c2', RUNNING));
    expect(step.commit.orders.map((o) => [o.marketId, o.trigger, o.orderId.endsWith(':c2')])).toEqual([['m1', 'stop_loss', true], ['m2', 'take_profit', true]]);
    expect(engine.snapshot().positions).toEqual([]);
  });

  it('should settle a resolved market at the outcome price without an order book', async () => {
    await run(engine.onSignal(signal('m1', 'BUY', 100), RUNNING));
    const view = markets.views.get('m1')!;
    markets.views.set('m1', { ...view, market: { ...view.market!, closed: true }, snapshot: { ...view.snapshot!, outcomePrices: [1, 0] }, books: new Map() });
    const step = await run(engine.onCycle('c9', RUNNING));
    expect(step.commit.orders[0]).toMatchObject({ trigger: 'resolution', avgPrice: 1, fees: 0, realizedPnl: expect.closeTo(50, 9) });
    expect(subjects(step)).toEqual([Subjects.TradeClosed]);
  });

  it('should reject entries but pass closes in REDUCING on command, and go back to ACTIVE on resume', async () => {
    await run(engine.onSignal(signal('m1', 'BUY', 20), RUNNING));
    await run(engine.command({ v: 1, id: 'c', ts: T0.toISOString(), source: 'cli', command: 'reduce', reason: 'election night' }));
    expect(engine.tradingState(RUNNING)).toEqual({ name: 'REDUCING', why: 'on command from cli: election night' });
    markets.add('m3', { bids: [[0.49, 1000]], asks: [[0.5, 1000]] });
    const entry = await run(engine.onSignal(signal('m3', 'BUY', 20), RUNNING));
    expect(entry.commit.decision).toMatchObject({ decision: 'rejected', tradingState: 'REDUCING' });
    expect(entry.commit.decision?.reasons).toContain('reducing: only position-reducing orders pass (on command from cli: election night)');
    const exit = await run(engine.onSignal(signal('m1', 'SELL', 20), RUNNING));
    expect(exit.commit.decision).toMatchObject({ decision: 'approved', tradingState: 'REDUCING' });
    await run(engine.command({ v: 1, id: 'd', ts: T0.toISOString(), source: 'cli', command: 'resume' }));
    expect(engine.tradingState(RUNNING).name).toBe('ACTIVE');
  });

  it('should reject everything while HALTED, with the kill reason', async () => {
    const step = await run(engine.onSignal(signal('m1', 'BUY', 20), { halted: true, reason: 'manual stop' }));
    expect(step.commit.decision).toMatchObject({ decision: 'rejected', tradingState: 'HALTED', reasons: ['trading state HALTED: manual stop', 'halted: manual stop'] });
    expect(step.commit.orders).toEqual([]);
  });

  it('should reject (fail-safe) when market data cannot be read', async () => {
    markets.fail = true;
    const step = await run(engine.onSignal(signal('m1', 'BUY', 20), RUNNING));
    expect(step.commit.decision).toMatchObject({ decision: 'rejected', reasons: ['trading state ACTIVE', 'checks failed: database is locked'] });
  });

  it('should warn once when the daily loss passes 80 % of the limit, and enter REDUCING', async () => {
    markets.add('m1', { bids: [[0.5, 10_000]], asks: [[0.5, 10_000]] });
    await run(engine.onSignal(signal('m1', 'BUY', 190), RUNNING)); // 95 USDC
    markets.add('m1', { bids: [[0.2625, 10_000]], asks: [[0.2625, 10_000]] }); // −45.125 → −4.51 %
    const step = await run(engine.onCycle('c2', { halted: false, reason: '' }));
    const warnings = step.events.filter((e) => e.subject === Subjects.RiskWarning).map((e) => e.event);
    const daily = engine.metrics().dailyPnlPct;
    expect(daily).toBeGreaterThan(-5);
    expect(warnings).toEqual([expect.objectContaining({ limit: 'daily_loss_limit', value: expect.closeTo(daily, 5), threshold: -5, message: `Approaching daily limit: ${daily.toFixed(2)} (limit -5)` })]);
    expect(engine.tradingState(RUNNING).name).toBe('REDUCING');
    const again = await run(engine.onCycle('c3', RUNNING));
    expect(again.events.filter((e) => e.subject === Subjects.RiskWarning)).toEqual([]);
  });

  it('should trip the breaker exactly once when losing trades cross the daily limit, and not again after a reset for the same breach', async () => {
    const trips: string[] = [];
    const ids = ['l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6'];
    for (const id of ids) {
      markets.add(id, { bids: [[0.5, 10_000]], asks: [[0.5, 10_000]] });
      expect((await run(engine.onSignal(signal(id, 'BUY', 40), RUNNING))).commit.decision?.decision).toBe('approved');
    }
    for (const id of ids) {
      markets.add(id, { bids: [[0.3, 10_000]], asks: [[0.3, 10_000]] });
      const close = await run(engine.onSignal(signal(id, 'SELL', 40), RUNNING)); // −8 USDC and fees each
      if (close.trip) trips.push(close.trip.key);
    }
    expect(trips).toEqual(['daily_loss:2026-11-30']);
    expect(engine.pendingKill?.reason).toMatch(/^daily loss limit breached: -5\.\d\d% of start-of-day equity \(limit -5%\)$/);
    expect(engine.tradingState(RUNNING).name).toBe('HALTED');
    await run(engine.killPublished());
    await run(engine.reset());
    markets.add('z', { bids: [[0.2, 10_000]], asks: [[0.2, 10_000]] });
    const after = await run(engine.onCycle('c9', RUNNING));
    expect(after.trip).toBeNull();
    expect(engine.tradingState(RUNNING).name).toBe('REDUCING');
  });

  it('should start a new trading day at midnight in risk.timezone with the equity it begins with', async () => {
    markets.add('m1', { bids: [[0.45, 10_000]], asks: [[0.5, 10_000]] });
    await run(engine.onSignal(signal('m1', 'BUY', 100), RUNNING));
    const before = engine.metrics();
    now = new Date('2026-12-01T00:00:01.000Z');
    await run(engine.onCycle('c2', RUNNING));
    expect(engine.snapshot().state.tradingDay).toBe('2026-12-01');
    expect(engine.metrics().startOfDayEquity).toBeCloseTo(before.equity, 9);
    expect(engine.metrics().dailyPnlPct).toBeCloseTo(0, 9);
  });

  it('should trip on N consecutive execution errors', async () => {
    const failing: ExecutionVenue = { mode: 'paper', execute: async () => { throw new Error('CLOB 503'); }, cancelAll: async () => 0 };
    engine = new RiskEngine(CONFIG, failing, markets, () => now);
    const trips = [];
    for (let i = 0; i < 4; i++) {
      const step = await run(engine.onSignal(signal('m1', 'BUY', 10), RUNNING));
      if (i < 3) expect(step.commit.orders[0]).toMatchObject({ status: 'error', error: 'CLOB 503' });
      if (step.trip) trips.push(step.trip.reason);
    }
    expect(trips).toEqual(['3 consecutive execution errors (limit 3)']);
  });

  it('should reject halted, fill nothing and count no execution error when the paper broker sees a kill right before it fills', async () => {
    let views = 0;
    const counting: MarketData = { view: (id) => (views++, markets.view(id)), invalidate: () => undefined };
    // the engine reads the market once, the broker once more: the kill lands between the two
    const broker = new PaperBroker(counting, { feeBps: 100, maxSlippagePct: 5, halted: () => (views >= 2 ? 'kill mid-order' : null) });
    engine = new RiskEngine(CONFIG, broker, counting, () => now);
    const step = await run(engine.onSignal(signal('m1', 'BUY', 50), RUNNING));
    expect(subjects(step)).toEqual([Subjects.RiskRejected]);
    expect(step.commit.decision).toMatchObject({ decision: 'rejected', tradingState: 'HALTED', size: null });
    expect(step.commit.decision?.reasons[1]).toMatch(/^halted: the kill switch engaged while this order was in flight/);
    expect(step.commit.orders).toEqual([]);
    expect(engine.snapshot().positions).toEqual([]);
    expect(engine.snapshot().state.consecutiveErrors).toBe(0);
  });

  it('should drop a fill when the kill switch reads halted once the venue answered', async () => {
    let halted = false;
    const venue: ExecutionVenue = {
      mode: 'paper', cancelAll: async () => 0,
      execute: async (o) => ((halted = true), { shares: o.shares, notional: o.shares * 0.5, avgPrice: 0.5, fees: 0, fills: [[0.5, o.shares]] }),
    };
    engine = new RiskEngine(CONFIG, venue, markets, () => now);
    const step = await run(engine.onSignal(signal('m1', 'BUY', 50), RUNNING, () => ({ halted, reason: 'kill during the venue call' })));
    expect(subjects(step)).toEqual([Subjects.RiskRejected]);
    expect(step.commit.decision?.reasons).toEqual(['trading state HALTED: kill during the venue call',
      'halted: the kill switch engaged while this order was in flight (kill during the venue call); nothing was filled']);
    expect(step.commit.orders).toEqual([]);
    expect(step.commit.trades).toEqual([]);
    expect(engine.snapshot().positions).toEqual([]);
  });
});
