import { EventBus } from '@polytrader/platform';
import request from 'supertest';
import { GatewayOnDatabase, gatewayOnDatabase } from '../testing/start-gateway';
import { PAYLOAD_PREVIEW_CHARS } from './dead-letter-view';

const TOKEN = 'dead-letter-token-0123456789';

describe('dead letters (real NATS and JetStream, read through the gateway\'s bus connection)', () => {
  let fx: GatewayOnDatabase;
  let bus: EventBus;

  beforeAll(async () => {
    fx = await gatewayOnDatabase(TOKEN, async () => undefined);
    bus = fx.gw.app.get(EventBus);
    const enc = (s: string) => new TextEncoder().encode(s);
    await bus.deadLetter('signal.generated', enc('{"v":1,"broken":'), 'invalid JSON', 'signals-in');
    await bus.deadLetter('market.snapshot', enc(`{"note":"carries ${TOKEN} by mistake"}`), `marketId: must be a string, token ${TOKEN}`, 'analyzer-snapshots');
    await bus.deadLetter('hype.score', enc('x'.repeat(PAYLOAD_PREVIEW_CHARS + 500)), 'too long', 'analyzer-hype');
    // anyone may publish there: a message that is not a dead-letter event is shown as it came
    await bus.js.publish('system.deadletter', enc('not json at all'));
  });
  afterAll(() => fx.close());

  it('should need the token', async () => {
    await request(fx.gw.app.getHttpServer()).get('/api/dead-letters').expect(401);
    await request(fx.gw.app.getHttpServer()).get('/api/dead-letters/1').expect(401);
  });

  it('should list dead letters newest first with subject, consumer, reason and the sha256 of the original', async () => {
    const list = (await fx.get('/api/dead-letters').expect(200)).body;
    expect(list.map((d: { id: number }) => d.id)).toEqual([4, 3, 2, 1]);
    expect(list[3]).toMatchObject({
      id: 1, subject: 'signal.generated', consumer: 'signals-in', reason: 'invalid JSON', service: 'gateway', payload: '{"v":1,"broken":',
      encoding: 'utf8', truncated: false, bytes: 16, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), storedAt: expect.any(String),
    });
    expect(list[0]).toMatchObject({ id: 4, subject: null, reason: 'not a dead-letter event', payload: 'not json at all' });
    // the list shows a preview; the one dead letter, the whole payload it kept
    expect(list[1]).toMatchObject({ subject: 'hype.score', truncated: true, bytes: PAYLOAD_PREVIEW_CHARS + 500 });
    expect(list[1].payload).toHaveLength(PAYLOAD_PREVIEW_CHARS);
    const one = (await fx.get('/api/dead-letters/3').expect(200)).body;
    expect(one).toMatchObject({ id: 3, truncated: false });
    expect(one.payload).toHaveLength(PAYLOAD_PREVIEW_CHARS + 500);
  });

  it('should scrub secrets from payloads and reasons', async () => {
    const text = JSON.stringify((await fx.get('/api/dead-letters').expect(200)).body);
    expect(text).not.toContain(TOKEN);
    expect((await fx.get('/api/dead-letters/2').expect(200)).body).toMatchObject({
      reason: 'marketId: must be a string, token [redacted]', payload: '{"note":"carries [redacted] by mistake"}',
    });
  });

  it('should page with limit and since', async () => {
    expect((await fx.get('/api/dead-letters?limit=2').expect(200)).body.map((d: { id: number }) => d.id)).toEqual([4, 3]);
    expect((await fx.get('/api/dead-letters?since=2999-01-01T00:00:00Z').expect(200)).body).toEqual([]);
    expect((await fx.get('/api/dead-letters?since=2000-01-01T00:00:00Z&limit=200').expect(200)).body).toHaveLength(4);
  });

  it('should answer 404 for an unknown id and 400 for a bad parameter, naming it', async () => {
    expect((await fx.get('/api/dead-letters/999').expect(404)).body.message).toBe('no dead letter with id 999');
    expect((await fx.get('/api/dead-letters/abc').expect(400)).body.errors).toEqual(['id: must be a positive integer (the stream sequence), got "abc"']);
    expect((await fx.get('/api/dead-letters?limit=0').expect(400)).body.errors).toEqual(['limit: must not be less than 1, got 0']);
    expect((await fx.get('/api/dead-letters?limit=201').expect(400)).body.errors).toEqual(['limit: must not be greater than 200, got 201']);
    expect((await fx.get('/api/dead-letters?since=soon').expect(400)).body.errors).toEqual(['since: must be a valid ISO 8601 date string, got "soon"']);
  });

  it('should answer 503 with the reason when the bus does not answer', async () => {
    await fx.nats.stop();
    try {
      const res = await fx.get('/api/dead-letters').expect(503);
      expect(res.body.message).toMatch(/^bus unavailable: /);
    } finally {
      // back up, so the gateway closes as usual
      await fx.nats.restart();
    }
  }, 30_000);
});
