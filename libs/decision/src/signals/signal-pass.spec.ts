import type { GridPoint, MarketSignalInput, SignalRuleSettings, SizingSettings } from '@polytrader/quant';
import type { PassInputs } from './signal-inputs';
import { DecidedSignal, SignalDecisionOptions, decideSignals, signalRecord } from './signal-pass';

const I = 15 * 60_000;
const H = 3_600_000;
const now = Date.parse('2026-11-30T12:07:00Z');
const kNow = Math.floor(now / I);
const rules: SignalRuleSettings = {
  rocWindow: 4, hypeRocThreshold: 1, strongRocMultiple: 2, rvrThreshold: 2, maxPriceRoc: 0.1, maxPValue: 0.05, minAbsPearson: 0.1,
  maxAnalysisAgeMs: 48 * H, cooldownMs: H, noEntryWindowMs: 24 * H, intervalMinutes: 15,
};
const sizing: SizingSettings = { kellyFraction: 0.25, maxEdge: 0.1, maxPositionPct: 5, maxTotalExposurePct: 50, sectorLimitsPct: {}, maxSlippagePct: 2 };
/** values for intervals kNow−n … kNow−1 (the newest complete interval last) */
const series = (...values: number[]): GridPoint[] => values.map((value, i) => ({ k: kNow - values.length + i, value }));

/** A binary market whose hype rises by `hypeRise` over the window (Yes expected to rise when ≥ 1). */
function candidate(id: string, hypeRise: number, over: Partial<MarketSignalInput> = {}): MarketSignalInput {
  return {
    market: { id, category: 'Politics', tags: [], endDateMs: now + 30 * 24 * H, outcomes: ['Yes', 'No'], tokenIds: [`${id}-yes`, `${id}-no`] },
    yesPrices: series(0.5, 0.5, 0.5, 0.5, 0.51),
    volume24h: series(9600, 9600, 9600, 9600, 9700),
    hype: series(0.2, 0.2, 0.2, 0.2, 0.2 + hypeRise),
    analysis: { atMs: now - H, pAdj: 0.01, lag: 2, pearson: 0.4 },
    books: new Map([
      [`${id}-yes`, { bestBid: 0.5, bestAsk: 0.52, asks: [[0.52, 500]], bids: [[0.5, 400]] }],
      [`${id}-no`, { bestBid: 0.47, bestAsk: 0.49, asks: [[0.49, 300]], bids: [[0.47, 200]] }],
    ]),
    lastSignalMs: null, held: [], events: [], ...over,
  };
}

function passInputs(candidates: MarketSignalInput[], over: Partial<PassInputs> = {}): PassInputs {
  return {
    markets: [], candidates, ineligible: new Map([['m-stale', 'analysis is 50.0 h old']]), equity: 1000, held: [],
    sectors: new Map(candidates.map((c, i) => [c.market.id, ['politics', 'crypto', 'sports'][i % 3]])), ...over,
  };
}

const counter = () => {
  let n = 0;
  return () => `id-${++n}`;
};
const options = (over: Partial<SignalDecisionOptions> = {}): SignalDecisionOptions => ({ rules, sizing, source: 'signals', newId: counter(), ...over });
const byMarket = (signals: readonly DecidedSignal[], id: string) => signals.find((s) => s.event.marketId === id)!;

describe('decideSignals (synchronous, no I/O: what the service and a backtest both call)', () => {
  const candidates = [
    candidate('m-moderate', 1.2),
    candidate('m-strong', 2.4),
    candidate('m-flat', 0),
    // holds 120 No while hype now points to Yes: the exit sells them at the No bid
    candidate('m-exit', 1.2, { held: [{ tokenId: 'm-exit-no', size: 120 }] }),
  ];

  it('should rank the proposals best first, size each, and stamp the events with the pass time and the ids given', () => {
    const d = decideSignals(passInputs(candidates), options(), now);
    expect(d.skipped).toEqual({ eligibility: 1, rule: 1 });
    expect(d.signals.map((s) => s.event.marketId).sort()).toEqual(['m-exit', 'm-moderate', 'm-strong']);
    const confidences = d.signals.map((s) => s.event.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(byMarket(d.signals, 'm-strong').event.confidence).toBeGreaterThan(byMarket(d.signals, 'm-moderate').event.confidence);
    expect(d.signals.map((s) => s.event.id)).toEqual(['id-1', 'id-2', 'id-3']);
    expect(d.signals.every((s) => s.event.ts === '2026-11-30T12:07:00.000Z' && s.event.source === 'signals' && s.event.v === 1)).toBe(true);

    const exit = byMarket(d.signals, 'm-exit');
    // all 120 held: the 0.47 level (200 shares) is within the 2 % slippage below the bid
    expect(exit.event).toMatchObject({ side: 'SELL', outcome: 'No', tokenId: 'm-exit-no', price: 0.47, size: 120 });
    expect(exit.stake).toBeCloseTo(120 * 0.47, 12);
    expect(exit.event.reasons.at(-1)).toBe('size 120.00 of 120.00 shares held (exit)');

    const buy = byMarket(d.signals, 'm-strong');
    expect(buy.event).toMatchObject({ side: 'BUY', outcome: 'Yes', price: 0.52, sector: 'crypto' });
    // the analysis it relied on travels with it, for risk to keep with its decision
    expect(buy.event).toMatchObject({ analysisAt: new Date(now - 3_600_000).toISOString(), analysisP: 0.01, analysisLag: 2 });
    expect(buy.event.size).toBeGreaterThan(0);
    expect(buy.stake).toBeLessThanOrEqual(50 + 1e-9); // max_position_pct 5 % of 1000
    expect(buy.note).toBeNull();
    expect(buy.event.reasons.at(-1)).toMatch(/^size [\d.]+ shares = [\d.]+ USDC \(kelly [\d.]+ % of 1000 USDC at p=[\d.]+/);
  });

  it('should size each proposal against the exposure the better ones took, and suppress what no room is left for', () => {
    const free = decideSignals(passInputs(candidates), options(), now);
    const first = byMarket(free.signals, 'm-strong');
    const second = byMarket(free.signals, 'm-moderate');
    // room for the first and half the second: the second is cut to what is left, with the limit named
    const totalPct = ((first.stake + second.stake / 2) / 1000) * 100;
    const tight = decideSignals(passInputs(candidates), options({ sizing: { ...sizing, maxTotalExposurePct: totalPct } }), now);
    expect(byMarket(tight.signals, 'm-strong').stake).toBeCloseTo(first.stake, 9);
    expect(byMarket(tight.signals, 'm-moderate').stake).toBeCloseTo(second.stake / 2, 6);
    expect(byMarket(tight.signals, 'm-moderate').event.reasons.at(-1)).toMatch(/capped by total\)$/);

    // exposure already held takes the room too: nothing left for new entries, the exit still sells
    const full = decideSignals(passInputs(candidates, { held: [{ marketId: 'elsewhere', sector: 'sports', cost: 500 }] }), options(), now);
    const entries = full.signals.filter((s) => s.event.side === 'BUY');
    expect(entries.map((s) => [s.event.size, s.stake])).toEqual([[0, 0], [0, 0]]);
    expect(entries.every((s) => s.note !== null && /^size 0: total limit reached/.test(s.note))).toBe(true);
    expect(byMarket(full.signals, 'm-exit').event.size).toBe(120);
  });

  it('should decide the same from the same inputs and time, and journal a decided signal as it was', () => {
    const a = decideSignals(passInputs(candidates), options(), now);
    const b = decideSignals(passInputs(candidates), options(), now);
    expect(b).toEqual(a);
    // the time is an argument, not a clock read: decided a minute later, the events carry that minute
    expect(decideSignals(passInputs(candidates), options(), now + 60_000).signals.map((s) => s.event.ts)).toEqual(['2026-11-30T12:08:00.000Z', '2026-11-30T12:08:00.000Z', '2026-11-30T12:08:00.000Z']);
    const row = signalRecord(a.signals[0], 'published', null);
    expect(row).toEqual({
      id: 'id-1', marketId: a.signals[0].event.marketId, outcome: a.signals[0].event.outcome, tokenId: a.signals[0].event.tokenId, side: a.signals[0].event.side,
      price: a.signals[0].event.price, strength: a.signals[0].event.strength, confidence: a.signals[0].event.confidence, size: a.signals[0].event.size,
      reasons: a.signals[0].event.reasons, ts: '2026-11-30T12:07:00.000Z', status: 'published', note: null, stake: a.signals[0].stake, sector: a.signals[0].sector,
    });
  });
});
