import { Engine } from '../engine';
import { RiskJournalStore } from '../stores/journal.store';
import { TestDatabase, createTestDatabase, riskOrder, riskPosition, riskState, riskTrade } from '../testing';
import { pnlSeries } from './pnl-series';

const at = (day: number, hour: number, min = 0) => new Date(Date.UTC(2026, 11, day, hour, min)).toISOString();

describe.each<Engine>(['sqlite', 'postgres'])('pnlSeries() on %s', (engine) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    // before the range: +5; in it: day 2 +20 (two orders in hour 10), −35 at 12:00; day 3 +3; after it: +100
    const orders = [
      riskOrder('o0', { ts: at(1, 9), realizedPnl: 5, fees: 0 }),
      riskOrder('o1', { ts: at(2, 10, 5), realizedPnl: 12, fees: 0.5 }),
      riskOrder('o2', { ts: at(2, 10, 40), realizedPnl: 8, fees: 0.25 }),
      riskOrder('o3', { ts: at(2, 12), realizedPnl: -35, fees: 1 }),
      riskOrder('o4', { ts: at(3, 8), realizedPnl: 3, fees: 0 }),
      riskOrder('o5', { ts: at(5, 0), realizedPnl: 100, fees: 0 }),
    ];
    await new RiskJournalStore(db.ds).commit({
      orders, trades: [riskTrade({ openedAt: at(2, 10, 5), status: 'closed', closedAt: at(2, 12) })],
      positions: { upsert: [riskPosition({ tradeId: 't2' })], remove: [] }, state: riskState(),
    });
  });
  afterAll(() => db.drop());

  it('should chain equity from the initial equity and the realized PnL before the range, one point per hour with orders', async () => {
    const s = await pnlSeries(db.ds, 1000, { from: at(2, 0), to: at(4, 0), interval: 'hour' }, Date.parse(at(10, 0)));
    expect(s.points.map((p) => [p.ts, p.equity, p.orders])).toEqual([
      [at(2, 0), 1005, 0], [at(2, 10, 40), 1025, 2], [at(2, 12), 990, 1], [at(3, 8), 993, 1],
    ]);
    expect(s.points[1]).toMatchObject({ realizedPnl: 20, pnl: 20, fees: 0.75, unrealizedPnl: null });
    expect(s.daily).toEqual([
      { day: '2026-12-02', pnl: -15, fees: 1.75, orders: 3, startEquity: 1005, endEquity: 990, returnPct: expect.closeTo(-15 / 10.05, 9) },
      { day: '2026-12-03', pnl: 3, fees: 0, orders: 1, startEquity: 990, endEquity: 993, returnPct: expect.closeTo(3 / 9.9, 9) },
    ]);
    expect(s.drawdown.map((d) => d.drawdown)).toEqual([0, 0, -35, -32]);
    expect(s.maxDrawdown).toEqual({ drawdown: -35, drawdownPct: expect.closeTo(-3500 / 1025, 9), peakAt: at(2, 10, 40), troughAt: at(2, 12), recoveredAt: null });
    expect(s.totals).toMatchObject({ startEquity: 1005, endEquity: 993, realizedPnl: -12, fees: 1.75, orders: 4, tradesOpened: 1, tradesClosed: 1 });
    // equity now counts every order (o5 too) and the open position at its mark: 100 shares bought at 0.5, marked 0.6
    expect(s.totals).toMatchObject({ unrealizedPnl: expect.closeTo(10, 9), equityNow: expect.closeTo(1000 + 93 + 10, 9) });
  });

  it('should sum per UTC day and end on a `now` point with the unrealized PnL when now is inside the range', async () => {
    const s = await pnlSeries(db.ds, 1000, { from: at(2, 0), to: at(4, 0), interval: 'day' }, Date.parse(at(3, 20)));
    expect(s.points.map((p) => [p.ts, p.equity, p.unrealizedPnl])).toEqual([
      [at(2, 0), 1005, null], [at(2, 12), 990, null], [at(3, 8), 993, null], [at(3, 20), expect.closeTo(1003, 9), expect.closeTo(10, 9)],
    ]);
    expect(s.daily.map((d) => d.day)).toEqual(['2026-12-02', '2026-12-03']);
    expect(s.maxDrawdown).toMatchObject({ drawdown: -15, peakAt: at(2, 0), troughAt: at(2, 12) });
    // a range that ends now (the API's default) ends on the now point too
    const untilNow = await pnlSeries(db.ds, 1000, { from: at(2, 0), to: at(3, 20), interval: 'day' }, Date.parse(at(3, 20)));
    expect(untilNow.points[untilNow.points.length - 1]).toMatchObject({ ts: at(3, 20), unrealizedPnl: expect.closeTo(10, 9) });
  });

  it('should give one flat point for a range without orders', async () => {
    const s = await pnlSeries(db.ds, 1000, { from: at(20, 0), to: at(21, 0), interval: 'day' }, Date.parse(at(10, 0)));
    expect(s.points).toEqual([{ ts: at(20, 0), equity: 1093, realizedPnl: 0, pnl: 0, fees: 0, orders: 0, unrealizedPnl: null }]);
    expect(s.daily).toEqual([]);
    expect(s.maxDrawdown).toMatchObject({ drawdown: 0, drawdownPct: 0 });
  });
});
