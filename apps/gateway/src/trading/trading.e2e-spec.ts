import { MarketStore, RiskJournalStore } from '@polytrader/persistence';
import { RISK_T0, cycleBatch, riskDecision, riskOpenStep, riskPosition, riskTrade } from '@polytrader/persistence/testing';
import request from 'supertest';
import { GatewayOnDatabase, gatewayOnDatabase } from '../testing/start-gateway';

const TOKEN = 'trading-token';

describe('trading endpoints (real NATS, a journal written by risk\'s store, read-only gateway)', () => {
  let fx: GatewayOnDatabase;

  beforeAll(async () => {
    fx = await gatewayOnDatabase(TOKEN, async (db) => {
      await new MarketStore(db.ds).saveCycle(cycleBatch({ markets: 2, start: RISK_T0 }));
      const open = riskOpenStep();
      await new RiskJournalStore(db.ds).commit({
        ...open,
        trades: [riskTrade({ tokenId: 'm1-yes' })],
        positions: { upsert: [riskPosition({ tokenId: 'm1-yes' })], remove: [] },
      });
      await new RiskJournalStore(db.ds).commit({ decision: { ...riskDecision('s2'), decision: 'rejected', reasons: ['max position size'], size: 0 }, orders: [], trades: [], positions: { upsert: [], remove: [] }, state: open.state });
    });
  });
  afterAll(() => fx.close());

  const get = (path: string) => fx.get(path);

  it('should need the token on every trading endpoint', async () => {
    for (const path of ['/api/signals', '/api/journal', '/api/positions', '/api/trades', '/api/pnl', '/api/pnl/series', '/api/trading-state']) {
      await request(fx.gw.app.getHttpServer()).get(path).expect(401);
    }
  });

  it('should show decisions with their reasons and the orders, oldest first', async () => {
    const res = await get('/api/journal').expect(200);
    expect(res.body.map((e: { kind: string; signalId: string }) => `${e.kind}:${e.signalId}`)).toEqual(['decision:s1', 'decision:s2', 'order:s1']);
    expect(res.body[1].detail).toMatchObject({ decision: 'rejected', reasons: ['max position size'] });
  });

  it('should mark positions with the latest book and sum PnL', async () => {
    const [position] = (await get('/api/positions').expect(200)).body;
    expect(position).toMatchObject({ marketId: 'm1', tokenId: 'm1-yes', size: 100, markPrice: 0.6, unrealizedPnl: expect.closeTo(10, 9) });
    expect(position.book).toMatchObject({ ts: RISK_T0, mid: expect.any(Number) });
    const pnl = (await get(`/api/pnl?from=${RISK_T0}`).expect(200)).body;
    expect(pnl).toMatchObject({ realizedPnl: -0.1, unrealizedPnl: expect.closeTo(10, 9), fees: 0.1, tradesOpened: 1, tradesClosed: 0, equity: expect.closeTo(1000 - 0.1 + 10, 9) });
    expect((await get('/api/trades').expect(200)).body).toMatchObject([{ tradeId: 't1', status: 'open' }]);
    expect((await get('/api/signals').expect(200)).body).toEqual([]);
    expect((await get('/api/trading-state').expect(200)).body).toEqual({ trading: null });
  });

  it('should derive the equity curve, daily PnL and drawdown from the order journal', async () => {
    const day = 86_400_000;
    const [from, to] = [new Date(Date.parse(RISK_T0) - day).toISOString(), new Date(Date.parse(RISK_T0) + day).toISOString()];
    const s = (await get(`/api/pnl/series?from=${from}&to=${to}&interval=day`).expect(200)).body;
    expect(s.range).toEqual({ from, to, interval: 'day' });
    expect(s.points).toEqual([
      { ts: from, equity: 1000, realizedPnl: 0, pnl: 0, fees: 0, orders: 0, unrealizedPnl: null },
      { ts: RISK_T0, equity: 999.9, realizedPnl: expect.closeTo(-0.1, 9), pnl: -0.1, fees: 0.1, orders: 1, unrealizedPnl: null },
    ]);
    expect(s.daily).toEqual([{ day: RISK_T0.slice(0, 10), pnl: -0.1, fees: 0.1, orders: 1, startEquity: 1000, endEquity: 999.9, returnPct: expect.closeTo(-0.01, 9) }]);
    expect(s.maxDrawdown).toMatchObject({ drawdown: expect.closeTo(-0.1, 9), peakAt: from, troughAt: RISK_T0, recoveredAt: null });
    expect(s.totals).toMatchObject({ startEquity: 1000, orders: 1, tradesOpened: 1, unrealizedPnl: expect.closeTo(10, 9) });
    // the default: the last 30 days up to now, per hour
    const recent = (await get('/api/pnl/series').expect(200)).body;
    expect(recent.range.interval).toBe('hour');
    expect(recent.points[recent.points.length - 1]).toMatchObject({ unrealizedPnl: expect.closeTo(10, 9), equity: expect.closeTo(1000 - 0.1 + 10, 9) });
  });

  it('should refuse a bad PnL series query, naming the field and value', async () => {
    expect((await get('/api/pnl/series?interval=week').expect(400)).body.errors).toEqual(['interval: must be one of the following values: hour, day, got "week"']);
    expect((await get('/api/pnl/series?to=yesterday').expect(400)).body.errors).toEqual(['to: must be a valid ISO 8601 date string, got "yesterday"']);
    expect((await get(`/api/pnl/series?from=${RISK_T0}&to=2026-11-01T00:00:00.000Z`).expect(400)).body.errors).toEqual([`from: must be before to (2026-11-01T00:00:00.000Z), got "${RISK_T0}"`]);
    expect((await get(`/api/pnl/series?from=2026-01-01T00:00:00Z&to=${RISK_T0}`).expect(400)).body.errors).toEqual(['from: at most 90 days before to, got "2026-01-01T00:00:00Z"']);
    expect((await get('/api/pnl/series?days=3').expect(400)).body.errors).toEqual(['days: property days should not exist, got "3"']);
  });

  it('should answer 400 naming the bad parameter and value', async () => {
    expect((await get('/api/journal?limit=0').expect(400)).body.errors).toEqual(['limit: must not be less than 1, got 0']);
    expect((await get('/api/signals?status=maybe').expect(400)).body.errors[0]).toMatch(/^status: must be one of the following values: .*, got "maybe"$/);
    expect((await get('/api/pnl?from=monday').expect(400)).body.errors).toEqual(['from: must be a valid ISO 8601 date string, got "monday"']);
  });

  it('should share a read only while it is in flight: a GET after a write sees the write', async () => {
    const path = '/api/journal?limit=500';
    const before = (await get(path).expect(200)).body.length;
    await new RiskJournalStore(fx.db.ds).commit({ decision: { ...riskDecision('s3'), decision: 'rejected', reasons: ['shared read test'], size: 0 }, orders: [], trades: [], positions: { upsert: [], remove: [] }, state: riskOpenStep().state });
    const [a, b] = await Promise.all([get(path).expect(200), get(path).expect(200)]);
    expect([a.body.length, b.body.length]).toEqual([before + 1, before + 1]);
    // a bad request is refused before any shared answer is looked at
    await get('/api/journal?limit=500&x=1').expect(400);
  });
});
