import type { GroundTruth, Simulator } from '../index';
import { FIXED_NOW, postJson, req, sim } from '../testing/kit';

describe('control API (/__sim)', () => {
  let s: Simulator;
  beforeAll(async () => {
    s = await sim({ markets: 20 });
  });
  afterAll(() => s.close());

  it('GET /truth should answer the ground truth, one entry per market', async () => {
    const r = await req<GroundTruth>(`${s.url}/__sim/truth`);
    expect(r.body).toEqual(s.truth());
    expect(r.body).toHaveLength(20);
    expect(r.body[0]).toEqual({ marketId: '600000', slug: expect.any(String), led: expect.any(Boolean), lag: r.body[0].led ? expect.any(Number) : null, beta: r.body[0].led ? expect.any(Number) : null });
    expect(r.body.filter((t) => t.led)).toHaveLength(6);
  });

  it('GET /markets should list the markets with keywords and their exact X query', async () => {
    const r = await req<{ id: string; query: string; keywords: string[]; tokenIds: string[] }[]>(`${s.url}/__sim/markets`);
    expect(r.body).toEqual(s.markets());
    expect(r.body[0].query).toBe(s.truth()[0].slug);
    expect(r.body[0].keywords).toHaveLength(3);
  });

  it('GET /requests should log every request with ts, method, path, route and status, since a time', async () => {
    await req(`${s.urls.gamma}/markets?limit=2`);
    await req(`${s.urls.gamma}/markets/0`);
    await req(`${s.urls.telegram}/bot12345:SECRETTOKEN/getMe`);
    await req(`${s.url}/nowhere`);
    const log = (await req<{ ts: number; method: string; path: string; route: string; status: number }[]>(`${s.url}/__sim/requests?since=${FIXED_NOW}`)).body;
    expect(log.filter((e) => !e.route.startsWith('__sim')).map((e) => [e.method, e.path, e.route, e.status])).toEqual([
      ['GET', '/gamma/markets?limit=2', 'gamma.markets', 200],
      ['GET', '/gamma/markets/0', 'gamma.market', 404],
      ['GET', '/telegram/bot12345:***/getMe', 'telegram.getMe', 200],
      ['GET', '/nowhere', 'unknown', 404],
    ]);
    expect(log[0].ts).toBe(FIXED_NOW);
    expect(JSON.stringify(s.requests())).not.toContain('SECRETTOKEN');
    expect(s.requests(FIXED_NOW + 1)).toEqual([]);
  });

  it('POST /telegram/updates should inject an update getUpdates then answers', async () => {
    const r = await postJson<{ update_id: number; message: { from: { id: number }; entities?: unknown[] } }>(`${s.url}/__sim/telegram/updates`, { chat_id: 5, text: '/reset', from_id: 6 });
    expect(r.status).toBe(201);
    expect(r.body.message.from.id).toBe(6);
    expect(r.body.message.entities).toEqual([{ offset: 0, length: 6, type: 'bot_command' }]);
    const u = await req<{ result: { update_id: number }[] }>(`${s.urls.telegram}/bot1:x/getUpdates`);
    expect(u.body.result.map((x) => x.update_id)).toEqual([r.body.update_id]);
    expect((await postJson(`${s.url}/__sim/telegram/updates`, { chat_id: 'x', text: 1 })).status).toBe(400);
  });

  it('GET and DELETE /telegram/messages should list and forget what the bot sent', async () => {
    await postJson(`${s.urls.telegram}/bot1:x/sendMessage`, { chat_id: 3, text: 'alert' });
    expect((await req<{ text: string }[]>(`${s.url}/__sim/telegram/messages`)).body.map((m) => m.text)).toEqual(['alert']);
    await req(`${s.url}/__sim/telegram/messages`, { method: 'DELETE' });
    expect((await req(`${s.url}/__sim/telegram/messages`)).body).toEqual([]);
    expect(s.telegram.messages()).toEqual([]);
  });

  it('GET /info should describe the run', async () => {
    const r = await req<Record<string, unknown>>(`${s.url}/__sim/info`);
    expect(r.body).toMatchObject({ seed: 42, markets: 20, historyPoints: 500, intervalMs: 900_000, nowMs: FIXED_NOW, url: s.url });
  });
});
