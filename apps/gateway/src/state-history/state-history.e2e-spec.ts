import { Subjects, envelope } from '@polytrader/contracts';
import { EventBus } from '@polytrader/platform';
import request from 'supertest';
import { GatewayOnDatabase, gatewayOnDatabase } from '../testing/start-gateway';

const TOKEN = 'state-history-token';

describe('trading-state history (real NATS, kill/reset/reduce through the control endpoints)', () => {
  let fx: GatewayOnDatabase;
  let bus: EventBus;
  let beforeAll_: string;

  const post = (path: string, reason: string) =>
    request(fx.gw.app.getHttpServer()).post(path).set('Authorization', `Bearer ${TOKEN}`).send({ reason }).expect(202);

  beforeAll(async () => {
    fx = await gatewayOnDatabase(TOKEN, async () => undefined);
    bus = fx.gw.app.get(EventBus);
    beforeAll_ = new Date().toISOString();
    await post('/api/reduce', 'news pending');
    await bus.publish(Subjects.RiskWarning, { ...envelope('risk'), limit: 'max_drawdown', value: -16, threshold: -20, message: 'Approaching max drawdown: -16 (limit -20)' });
    // an exposure warning does not make risk reduce: not a transition
    await bus.publish(Subjects.RiskWarning, { ...envelope('risk'), limit: 'max_total_exposure_pct', value: 45, threshold: 50, message: 'Approaching total exposure limit' });
    await post('/api/kill', 'owner pulled it');
    await post('/api/reset', 'checked');
    await post('/api/reduce/off', 'done');
  });
  afterAll(() => fx.close());

  it('should need the token', async () => {
    await request(fx.gw.app.getHttpServer()).get('/api/trading-state/history').expect(401);
  });

  it('should list the transitions newest first, each with reason, source, time and where it is stored', async () => {
    const h = (await fx.get('/api/trading-state/history').expect(200)).body;
    expect(h.map((t: { kind: string; from: string; to: string }) => `${t.kind}:${t.from}->${t.to}`)).toEqual([
      'resume:REDUCING->ACTIVE', 'reset:HALTED->REDUCING', 'kill:REDUCING->HALTED', 'warning:REDUCING->REDUCING', 'reduce:ACTIVE->REDUCING',
    ]);
    expect(h[2]).toMatchObject({ reason: 'owner pulled it', source: 'gateway', stream: 'CONTROL', seq: expect.any(Number) });
    expect(h[3]).toMatchObject({ reason: 'Approaching max drawdown: -16 (limit -20)', source: 'risk', stream: 'RISK' });
    expect(h[4]).toMatchObject({ reason: 'news pending', source: 'gateway', stream: 'RISK' });
    expect(h[4].ts >= beforeAll_).toBe(true);
  });

  it('should cut by since and limit', async () => {
    expect((await fx.get('/api/trading-state/history?limit=2').expect(200)).body.map((t: { kind: string }) => t.kind)).toEqual(['resume', 'reset']);
    expect((await fx.get('/api/trading-state/history?since=2999-01-01T00:00:00Z').expect(200)).body).toEqual([]);
  });

  it('should answer 400 naming the bad parameter and value', async () => {
    expect((await fx.get('/api/trading-state/history?limit=abc').expect(400)).body.errors).toEqual(['limit: must be an integer number, got "abc"']);
    expect((await fx.get('/api/trading-state/history?since=later').expect(400)).body.errors).toEqual(['since: must be a valid ISO 8601 date string, got "later"']);
  });
});
