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
    for (const path of ['/api/signals', '/api/journal', '/api/positions', '/api/trades', '/api/pnl', '/api/trading-state']) {
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

  it('should answer 400 naming the bad parameter and value', async () => {
    expect((await get('/api/journal?limit=0').expect(400)).body.errors).toEqual(['limit: must not be less than 1, got 0']);
    expect((await get('/api/signals?status=maybe').expect(400)).body.errors[0]).toMatch(/^status: must be one of the following values: .*, got "maybe"$/);
    expect((await get('/api/pnl?from=monday').expect(400)).body.errors).toEqual(['from: must be a valid ISO 8601 date string, got "monday"']);
  });
});
