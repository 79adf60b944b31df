import { FaultBook, parseFaultSpec, routeMatches } from './faults';
import type { Simulator } from './index';
import { GammaMarketRow, postJson, req, sim } from './testing/kit';

describe('faults', () => {
  describe('routeMatches()', () => {
    it('should match the exact route, its API prefix and *', () => {
      expect(routeMatches('clob.book', 'clob.book')).toBe(true);
      expect(routeMatches('clob', 'clob.prices-history')).toBe(true);
      expect(routeMatches('*', 'telegram.sendMessage')).toBe(true);
      expect(routeMatches('clob', 'gamma.markets')).toBe(false);
      expect(routeMatches('clob.book', 'clob.books')).toBe(false);
    });
  });

  describe('parseFaultSpec()', () => {
    it('should refuse unknown routes and kinds and bad numbers', () => {
      expect(() => parseFaultSpec({ route: 'clob.bok', kind: '500' })).toThrow(/route/);
      expect(() => parseFaultSpec({ route: 'clob', kind: '503' })).toThrow(/kind/);
      expect(() => parseFaultSpec({ route: 'clob', kind: '500', probability: 2 })).toThrow(/probability/);
      expect(parseFaultSpec({ route: 'telegram.sendMessage', kind: '429', retryAfterS: 3 })).toEqual({ route: 'telegram.sendMessage', kind: '429', retryAfterS: 3 });
    });
  });

  describe('FaultBook.decide()', () => {
    it('should spend count, stack latency, and draw probability from the seed', () => {
      const book = new FaultBook(1);
      book.add([{ route: 'gamma', kind: 'latency', latencyMs: 50 }, { route: 'gamma.markets', kind: '500', count: 2 }, { route: '*', kind: '429' }]);
      expect(book.decide('gamma.markets')).toEqual({ latencyMs: 50, fault: expect.objectContaining({ kind: '500' }) });
      expect(book.decide('gamma.markets').fault?.kind).toBe('500');
      expect(book.decide('gamma.markets').fault?.kind).toBe('429');
      const draws = (seed: number) => {
        const b = new FaultBook(seed);
        b.add({ route: 'x', kind: '500', probability: 0.3 });
        return Array.from({ length: 200 }, () => (b.decide('x.search').fault ? 1 : 0));
      };
      expect(draws(5)).toEqual(draws(5));
      const hits = draws(5).reduce((s: number, v) => s + v, 0);
      expect(hits).toBeGreaterThan(35);
      expect(hits).toBeLessThan(85);
    });
  });

  describe('over HTTP', () => {
    let s: Simulator;
    let token: string;
    beforeAll(async () => {
      s = await sim({ markets: 10 });
      token = (JSON.parse((await req<GammaMarketRow[]>(`${s.urls.gamma}/markets?limit=1`)).body[0].clobTokenIds) as string[])[0];
    });
    afterAll(() => s.close());
    afterEach(() => s.clearFaults());

    it('429 should set Retry-After and each API\'s own body', async () => {
      s.addFault([{ route: 'gamma', kind: '429', retryAfterS: 7 }, { route: 'x', kind: '429', retryAfterS: 7 }, { route: 'telegram', kind: '429', retryAfterS: 7 }]);
      const g = await req(`${s.urls.gamma}/markets`);
      expect([g.status, g.headers.get('retry-after')]).toEqual([429, '7']);
      const x = await req(`${s.urls.x}/2/tweets/counts/recent?query=a`, { headers: { authorization: 'Bearer t' } });
      expect(x.status).toBe(429);
      expect(x.body).toEqual({ title: 'Too Many Requests', type: 'about:blank', status: 429, detail: 'Too Many Requests' });
      expect(Number(x.headers.get('x-rate-limit-reset'))).toBeGreaterThan(0);
      const t = await req(`${s.urls.telegram}/bot1:abc/sendMessage?chat_id=1&text=x`);
      expect(t.body).toEqual({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } });
      expect(s.telegram.messages()).toEqual([]);
    });

    it('500 should answer 500 and count should limit how many requests it hits', async () => {
      s.addFault({ route: 'clob.book', kind: '500', count: 2 });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await req(`${s.urls.clob}/book?token_id=${token}`)).status);
      expect(statuses).toEqual([500, 500, 200, 200]);
    });

    it('an API prefix should hit every route of that API and nothing else', async () => {
      s.addFault({ route: 'clob', kind: '500' });
      expect((await req(`${s.urls.clob}/midpoint?token_id=${token}`)).status).toBe(500);
      expect((await postJson(`${s.urls.clob}/books`, [{ token_id: token }])).status).toBe(500);
      expect((await req(`${s.urls.gamma}/markets`)).status).toBe(200);
      expect((await req(`${s.url}/__sim/truth`)).status).toBe(200);
    });

    it('malformed should answer 200 with a body that does not parse', async () => {
      s.addFault([{ route: 'gamma.markets', kind: 'malformed' }, { route: 'clob.midpoint', kind: 'malformed' }, { route: 'rss', kind: 'malformed' }]);
      for (const url of [`${s.urls.gamma}/markets`, `${s.urls.clob}/midpoint?token_id=${token}`]) {
        const r = await req(url);
        expect(r.status).toBe(200);
        expect(r.text.length).toBeGreaterThan(0);
        expect(() => JSON.parse(r.text)).toThrow();
      }
      const rss = await req(s.urls.rss);
      expect(rss.text).not.toMatch(/<\/rss>\s*$/);
    });

    it('missing_fields should drop required fields from records at even positions', async () => {
      s.addFault([{ route: 'gamma.markets', kind: 'missing_fields' }, { route: 'clob.books', kind: 'missing_fields' }, { route: 'clob.prices-history', kind: 'missing_fields' }]);
      const rows = (await req<Record<string, unknown>[]>(`${s.urls.gamma}/markets?limit=4`)).body;
      expect(rows.map((m) => 'clobTokenIds' in m)).toEqual([false, true, false, true]);
      expect(rows[0].outcomePrices).toBe('not json');
      expect(() => JSON.parse(rows[1].outcomePrices as string)).not.toThrow();
      const books = (await postJson<Record<string, unknown>[]>(`${s.urls.clob}/books`, [{ token_id: token }, { token_id: token }])).body;
      expect(books.map((b) => 'bids' in b)).toEqual([false, true]);
      expect((books[0].asks as { price: string }[]).every((l) => l.price === 'abc')).toBe(true);
      const hist = (await req<{ history: Record<string, unknown>[] }>(`${s.urls.clob}/prices-history?market=${token}&interval=1h`)).body.history;
      expect(hist.map((p) => 'p' in p)).toEqual([false, true, false, true]);
    });

    it('latency should delay the answer by latencyMs', async () => {
      s.addFault({ route: 'gamma.market', kind: 'latency', latencyMs: 300, count: 1 });
      let started = Date.now();
      expect((await req(`${s.urls.gamma}/markets/600001`)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
      started = Date.now();
      await req(`${s.urls.gamma}/markets/600001`);
      expect(Date.now() - started).toBeLessThan(250);
    });

    it('timeout should hold the request unanswered until the simulator closes', async () => {
      const own = await sim({ markets: 5 });
      own.addFault({ route: 'clob.midpoint', kind: 'timeout' });
      const pending = fetch(`${own.urls.clob}/midpoint?token_id=1`).then(() => 'answered', () => 'failed');
      const early = await Promise.race([pending, new Promise((r) => setTimeout(() => r('still waiting'), 400))]);
      expect(early).toBe('still waiting');
      expect(own.requests().map((e) => [e.route, e.status, e.fault])).toEqual([['clob.midpoint', 0, 'timeout']]);
      await own.close();
      expect(await pending).toBe('failed');
    });

    it('timeout should let the client give up', async () => {
      s.addFault({ route: 'gamma.events', kind: 'timeout', count: 1 });
      await expect(fetch(`${s.urls.gamma}/events`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
      expect((await req(`${s.urls.gamma}/events?limit=1`)).status).toBe(200);
    });

    it('should be set and cleared over /__sim/faults too', async () => {
      const created = await postJson<unknown[]>(`${s.url}/__sim/faults`, [{ route: 'rss', kind: '500', count: 1 }]);
      expect(created.status).toBe(201);
      expect(created.body).toEqual([{ route: 'rss', kind: '500', count: 1, remaining: 1 }]);
      expect((await postJson(`${s.url}/__sim/faults`, { route: 'nope', kind: '500' })).status).toBe(400);
      expect((await req(`${s.url}/__sim/faults`, { method: 'DELETE' })).status).toBe(200);
      expect((await req(s.urls.rss)).status).toBe(200);
    });

    it('a global latencyMs option should delay every API answer but not /__sim', async () => {
      const slow = await sim({ markets: 5, latencyMs: 200 });
      try {
        let started = Date.now();
        await req(`${slow.urls.gamma}/markets`);
        expect(Date.now() - started).toBeGreaterThanOrEqual(180);
        started = Date.now();
        await req(`${slow.url}/__sim/truth`);
        expect(Date.now() - started).toBeLessThan(150);
      } finally {
        await slow.close();
      }
    });
  });
});
