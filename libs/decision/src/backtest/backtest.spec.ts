import { validateConfigText, type AppConfig } from '@polytrader/platform';
import type { Observations } from '@polytrader/persistence';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { syntheticObservations } from '../testing/synthetic-observations';
import { runBacktest, type BacktestResult } from './backtest';

const START = Date.parse('2026-10-01T00:00:00.000Z');
const DAY = 86_400_000;
const config = (over: Record<string, Record<string, unknown>> = {}): AppConfig =>
  validateConfigText(stringify({ logging: { file: false }, execution: { stop_loss_pct: 8, take_profit_pct: 8 }, ...over }), 'backtest-test.yaml', {}).config;

/** Every observation after `cutMs` replaced by other values: prices, books, hype and analyses that would decide differently. */
function changedAfter(obs: Observations, cutMs: number, seed: number): Observations {
  const after = (iso: string) => Date.parse(iso) > cutMs;
  const bump = (x: number, i: number) => Math.min(0.95, Math.max(0.05, x + (((seed + i) % 7) - 3) * 0.05));
  return {
    markets: obs.markets.map((m) => (after(m.observedAt) ? { ...m, closed: !m.closed, active: m.closed } : m)),
    snapshots: obs.snapshots.map((s, i) => (after(s.ts) ? { ...s, outcomePrices: [bump(s.outcomePrices[0], i), 1 - bump(s.outcomePrices[0], i)], volume24h: 20_000 } : s)),
    books: obs.books.map((b, i) => (after(b.ts) ? { ...b, asks: b.asks.map(([p, q]) => [bump(p, i), q * 3] as [number, number]), bids: [] } : b)),
    prices: obs.prices,
    hype: obs.hype.map((h, i) => (after(h.observedAt) ? { ...h, hypeScore: (seed + i) % 3 === 0 ? 9 : 0, mentionsZ: 4 } : h)),
    analyses: obs.analyses.map((a) => (after(a.ts) ? { ...a, hypeToPriceP: 0.9, pearson: -0.5 } : a)),
  };
}

/** What was decided at or before `cutMs`: the signals, decisions and fills, in order. */
function decidedBy(r: BacktestResult, cutMs: number): unknown {
  const by = (ts: string) => Date.parse(ts) <= cutMs;
  return { signals: r.signals.filter((s) => by(s.ts)), decisions: r.decisions.filter((d) => by(d.ts)), orders: r.orders.filter((o) => by(o.ts)) };
}

describe('runBacktest (the live decision code over point-in-time data)', () => {
  const obs = syntheticObservations({ markets: 8, cycles: 96 * 4, startMs: START, settleMarkets: 2 });
  const range = { fromMs: START + DAY, toMs: START + 4 * DAY };

  it('should trade through the whole path: signals, risk decisions, paper fills, exits, and figures that add up', async () => {
    const r = await runBacktest(obs, config(), range);
    expect(r.cycles).toBe(96 * 3);
    const published = r.signals.filter((s) => s.status === 'published');
    expect(published.length).toBeGreaterThan(20);
    expect(r.decisions).toHaveLength(published.length); // every published signal gets one decision
    const triggers = new Set(r.orders.map((o) => o.trigger));
    expect([...triggers]).toEqual(expect.arrayContaining(['signal', 'opposite_signal', 'stop_loss']));
    const closed = r.trades.filter((t) => t.status === 'closed');
    expect(r.metrics.trades).toBe(closed.length);
    // the daily returns chain to the final equity: total return = final / initial − 1
    expect(r.metrics.totalReturn).toBeCloseTo(r.metrics.finalEquity / 1000 - 1, 10);
    expect(r.equityCurve.at(-1)!.equity).toBe(r.metrics.finalEquity);
    const wins = closed.filter((t) => t.realizedPnl! > 0).length;
    expect(r.metrics.winRate).toBeCloseTo(wins / closed.length, 12);
    // every decision keeps its inputs: the book it walked was observed before the decision
    for (const d of r.decisions.filter((x) => x.decision === 'approved')) {
      expect(d.inputs?.configHash).toBe(r.configHash);
      expect(Date.parse(d.inputs!.book!.observedAt)).toBeLessThanOrEqual(Date.parse(d.ts));
    }
  });

  it('should decide the same from the same observations (no clock, no randomness of its own)', async () => {
    expect(await runBacktest(obs, config(), range)).toEqual(await runBacktest(obs, config(), range));
  });

  it('should fill after the latency on the newest book observed by then', async () => {
    const late = await runBacktest(obs, config(), { ...range, latencyMs: 15 * 60_000 + 1_000 });
    const entry = late.orders.find((o) => o.trigger === 'signal' && o.filledSize > 0)!;
    const decidedAt = Date.parse(entry.ts);
    const book = obs.books.filter((b) => b.tokenId === entry.tokenId && Date.parse(b.ts) <= decidedAt).at(-1)!;
    expect(decidedAt - Date.parse(late.signals.find((s) => s.id === entry.signalId)!.ts)).toBe(15 * 60_000 + 1_000);
    expect(entry.fills[0][0]).toBe(entry.side === 'BUY' ? book.asks[0][0] : book.bids[0][0]);
  });

  it('should not look ahead: changing anything observed after t changes no decision made up to t', async () => {
    const base = await runBacktest(obs, config(), range);
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 96 * 3 - 1 }), fc.integer({ min: 0, max: 1000 }), async (cycle, seed) => {
      const cutMs = range.fromMs + cycle * 15 * 60_000 + 30_000;
      const changed = await runBacktest(changedAfter(obs, cutMs, seed), config(), range);
      expect(decidedBy(changed, cutMs)).toEqual(decidedBy(base, cutMs));
    }), { numRuns: 12, seed: 20261207 });
  });

  it('should notice the same change made before t (so the property above can fail)', async () => {
    const cutMs = range.fromMs + 2 * DAY;
    const base = await runBacktest(obs, config(), range);
    const early = await runBacktest(changedAfter(obs, range.fromMs, 3), config(), range);
    expect(decidedBy(early, cutMs)).not.toEqual(decidedBy(base, cutMs));
  });
});
