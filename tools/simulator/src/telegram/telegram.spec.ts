import type { Simulator } from '../index';
import { fixture, FIXED_NOW, jsonType, postJson, req, sim, typeMismatches } from '../testing/kit';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
interface Envelope<T = Record<string, unknown>> { ok: boolean; result: T; error_code?: number; description?: string; parameters?: { retry_after: number } }

describe('Telegram Bot API', () => {
  let s: Simulator;
  beforeAll(async () => {
    s = await sim({ unknownChats: [404] });
  });
  afterAll(() => s.close());
  beforeEach(() => s.telegram.clear());

  const api = (method: string) => `${s.urls.telegram}/bot${TOKEN}/${method}`;
  const send = (body: Record<string, unknown>) => postJson<Envelope>(api('sendMessage'), body);

  describe('getMe', () => {
    it('should answer the bot user in the recorded shape', async () => {
      const recorded = fixture<Envelope>('telegram_getMe.json');
      const r = await req<Envelope>(api('getMe'));
      expect(r.status).toBe(200);
      expect(Object.keys(r.body.result).sort()).toEqual(Object.keys(recorded.result).sort());
      expect(typeMismatches(recorded.result, r.body.result)).toEqual({});
      expect(r.body.result.id).toBe(123456789);
    });

    it('should answer 401 Unauthorized for a token of the wrong format', async () => {
      for (const bad of ['nope', '123456789', 'abc:def', '']) {
        const r = await req(`${s.urls.telegram}/bot${bad}/getMe`);
        expect(r.status).toBe(401);
        expect(r.body).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
      }
    });

    it('should answer 404 for an unknown method', async () => {
      const r = await req(api('sendCarrierPigeon'));
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    });
  });

  describe('sendMessage', () => {
    it('should answer the Message in the documented shape and record it', async () => {
      const recorded = fixture<Envelope>('telegram_sendMessage_ok_schema_derived.json');
      const r = await send({ chat_id: 1001, text: '<b>BUY</b> YES', parse_mode: 'HTML', disable_notification: true });
      expect(r.status).toBe(200);
      expect(r.body.ok).toBe(true);
      expect(Object.keys(r.body.result)).toEqual(Object.keys(recorded.result));
      expect(typeMismatches(recorded.result, r.body.result)).toEqual({});
      expect(r.body.result).toMatchObject({ chat: { id: 1001, type: 'private' }, text: '<b>BUY</b> YES', date: Math.floor(FIXED_NOW / 1000), from: { is_bot: true } });
      expect(s.telegram.messages()).toEqual([expect.objectContaining({ chat_id: 1001, text: '<b>BUY</b> YES', parse_mode: 'HTML', disable_notification: true, message_id: r.body.result.message_id })]);
    });

    it('should take form-urlencoded bodies and query strings too', async () => {
      const form = await req<Envelope>(api('sendMessage'), {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'chat_id=-100200&text=hello%20group',
      });
      expect(form.status).toBe(200);
      expect(form.body.result.chat).toMatchObject({ id: -100200, type: 'group' });
      const query = await req<Envelope>(`${api('sendMessage')}?chat_id=77&text=hi`);
      expect(query.status).toBe(200);
      expect(s.telegram.messages().map((m) => [m.chat_id, m.text])).toEqual([[-100200, 'hello group'], [77, 'hi']]);
    });

    it('should answer the recorded 400 for an unknown chat', async () => {
      const r = await send({ chat_id: 404, text: 'x' });
      expect(r.status).toBe(400);
      expect(r.body).toEqual(fixture('telegram_sendMessage_400_chat_not_found.json'));
      expect(s.telegram.messages()).toEqual([]);
    });

    it('should refuse empty text and entities Telegram cannot parse', async () => {
      expect((await send({ chat_id: 5, text: '' })).body.description).toBe('Bad Request: message text is empty');
      const bad = await send({ chat_id: 5, text: 'price 0.45', parse_mode: 'MarkdownV2' });
      expect(bad.status).toBe(400);
      expect(bad.body.description).toMatch(/^Bad Request: can't parse entities: Character '\.' is reserved/);
    });

    it('should allow a burst of 3 per chat, then answer 429 with retry_after like the recorded body', async () => {
      const recorded = fixture<Envelope>('telegram_sendMessage_429_too_many_requests.json');
      for (let i = 0; i < 3; i++) expect((await send({ chat_id: 9, text: `m${i}` })).status).toBe(200);
      const r = await send({ chat_id: 9, text: 'm3' });
      expect(r.status).toBe(429);
      expect(Object.keys(r.body).sort()).toEqual(Object.keys(recorded).sort());
      expect(r.body.parameters?.retry_after).toBeGreaterThanOrEqual(1);
      expect(r.body.description).toBe(`Too Many Requests: retry after ${r.body.parameters?.retry_after}`);
      expect(r.headers.get('retry-after')).toBe(String(r.body.parameters?.retry_after));
      expect((await send({ chat_id: 10, text: 'other chat' })).status).toBe(200);
      expect(s.telegram.messages()).toHaveLength(4);
    });
  });

  describe('getUpdates', () => {
    it('should answer injected updates in the recorded shape, with a bot_command entity for commands', async () => {
      const recorded = fixture<Envelope<Record<string, unknown>[]>>('telegram_getUpdates_private_start_command.json');
      s.telegram.inject({ chat_id: 736041685, text: '/status now' });
      const r = await req<Envelope<{ update_id: number; message: Record<string, unknown> }[]>>(api('getUpdates'));
      expect(r.body.ok).toBe(true);
      const [u] = r.body.result;
      const ru = recorded.result[0] as { message: Record<string, unknown> };
      expect(Object.keys(u).sort()).toEqual(Object.keys(ru).sort());
      expect(Object.keys(u.message).sort()).toEqual(Object.keys(ru.message).sort());
      expect(typeMismatches(ru.message, u.message)).toEqual({});
      expect(u.message.entities).toEqual([{ offset: 0, length: 7, type: 'bot_command' }]);
      expect(jsonType(u.message.from)).toBe('object');
      await req(`${api('getUpdates')}?offset=${u.update_id + 1}`);
    });

    it('should confirm updates below offset and keep the others', async () => {
      s.telegram.inject({ chat_id: 1, text: 'a' });
      s.telegram.inject({ chat_id: 1, text: 'b' });
      const all = (await req<Envelope<{ update_id: number; message: { text: string } }[]>>(api('getUpdates'))).body.result;
      expect(all.map((u) => u.message.text)).toEqual(['a', 'b']);
      const rest = (await req<Envelope<{ update_id: number; message: { text: string } }[]>>(`${api('getUpdates')}?offset=${all[1].update_id}`)).body.result;
      expect(rest.map((u) => u.message.text)).toEqual(['b']);
      const none = (await req<Envelope<unknown[]>>(`${api('getUpdates')}?offset=${all[1].update_id + 1}`)).body.result;
      expect(none).toEqual([]);
    });

    it('should long-poll until an update arrives', async () => {
      const started = Date.now();
      const poll = postJson<Envelope<{ message: { text: string; chat: { id: number } } }[]>>(api('getUpdates'), { timeout: 10 });
      setTimeout(() => void postJson(`${s.url}/__sim/telegram/updates`, { chat_id: 42, text: '/kill' }), 150);
      const r = await poll;
      expect(Date.now() - started).toBeGreaterThanOrEqual(100);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(r.body.result.map((u) => [u.message.chat.id, u.message.text])).toEqual([[42, '/kill']]);
      const last = (r.body.result as unknown as { update_id: number }[])[0].update_id;
      await req(`${api('getUpdates')}?offset=${last + 1}`);
    });

    it('should answer [] after the timeout when nothing arrives', async () => {
      const started = Date.now();
      const r = await req<Envelope<unknown[]>>(`${api('getUpdates')}?timeout=1`);
      expect(r.body.result).toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });

    it('should end an older long poll with 409 when a newer one starts', async () => {
      const first = req<Envelope>(`${api('getUpdates')}?timeout=5`);
      await new Promise((r) => setTimeout(r, 100));
      const second = req<Envelope>(`${api('getUpdates')}?timeout=1`);
      const r = await first;
      expect(r.status).toBe(409);
      expect(r.body.description).toMatch(/^Conflict: terminated by other getUpdates request/);
      await second;
    });
  });
});
