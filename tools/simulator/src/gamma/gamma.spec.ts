import type { Simulator } from '../index';
import { fixture, GammaMarketRow, jsonType, req, sim, typeMismatches } from '../testing/kit';

describe('Gamma API', () => {
  let s: Simulator;
  beforeAll(async () => {
    s = await sim({ markets: 120 });
  });
  afterAll(() => s.close());

  const markets = (query = '') => req<GammaMarketRow[]>(`${s.urls.gamma}/markets${query}`);

  describe('GET /markets', () => {
    it('should answer 20 markets by default, in id order', async () => {
      const r = await markets();
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/application\/json/);
      expect(r.body.map((m) => m.id)).toEqual(Array.from({ length: 20 }, (_, i) => String(600000 + i)));
    });

    it('should have the keys and JSON types of the recorded market for every field the fixture has', async () => {
      const recorded = fixture<Record<string, unknown>>('gamma_market_by_id_559651_open_tags_rewards.json');
      const [m] = (await markets('?limit=1')).body;
      const { $schema: _s, ...expectedKeys } = recorded;
      expect(Object.keys(m).sort()).toEqual(Object.keys(expectedKeys).sort());
      expect(typeMismatches(recorded, m)).toEqual({});
      expect(jsonType(m.tags)).toBe('array');
      const tag = (m.tags as Record<string, unknown>[])[0];
      expect(typeMismatches((recorded.tags as Record<string, unknown>[])[0], tag)).toEqual({});
      expect(Object.keys(tag)).toEqual(expect.arrayContaining(['id', 'label', 'slug']));
    });

    it('should encode outcomes, outcomePrices and clobTokenIds as JSON strings like Gamma', async () => {
      const [m] = (await markets('?limit=1')).body;
      expect(m.outcomes).toBe('["Yes", "No"]');
      const prices = JSON.parse(m.outcomePrices) as string[];
      expect(prices).toHaveLength(2);
      expect(Number(prices[0]) + Number(prices[1])).toBeCloseTo(1, 10);
      expect(Number(prices[0])).toBeCloseTo((m.bestBid + m.bestAsk) / 2, 10);
      const tokens = JSON.parse(m.clobTokenIds) as string[];
      expect(tokens).toHaveLength(2);
      expect(m.clobTokenIds).toMatch(/^\["\d+", "\d+"\]$/);
      expect(typeof m.volume).toBe('string');
      expect(Number(m.volume)).toBe(m.volumeNum);
      expect(Number(m.liquidity)).toBe(m.liquidityNum);
    });

    it('should page with limit and offset, up to 500 per page', async () => {
      const all = (await markets('?limit=500')).body;
      expect(all).toHaveLength(120);
      const pages = [];
      for (let offset = 0; offset < 120; offset += 50) pages.push(...(await markets(`?limit=50&offset=${offset}`)).body);
      expect(pages.map((m) => m.id)).toEqual(all.map((m) => m.id));
      expect((await markets('?limit=10&offset=115')).body).toHaveLength(5);
      expect((await markets('?offset=500')).body).toEqual([]);
    });

    it('should cap limit at 500', async () => {
      const big = await sim({ markets: 600 });
      try {
        expect((await req<unknown[]>(`${big.urls.gamma}/markets?limit=1000`)).body).toHaveLength(500);
      } finally {
        await big.close();
      }
    });

    it('should filter on active, closed and repeated id', async () => {
      const all = (await markets('?limit=500')).body;
      const open = (await markets('?limit=500&active=true&closed=false')).body;
      const closed = (await markets('?limit=500&closed=true')).body;
      expect(open.length + closed.length).toBe(120);
      expect(closed.length).toBeGreaterThan(0);
      expect(open.every((m) => m.active && !m.closed)).toBe(true);
      expect(closed.every((m) => !m.active && m.closed)).toBe(true);
      const byId = (await markets(`?id=${all[5].id}&id=${all[9].id}`)).body;
      expect(byId.map((m) => m.id)).toEqual([all[5].id, all[9].id]);
    });

    it('should order by volume24hr descending when asked', async () => {
      const rows = (await markets('?limit=30&order=volume24hr&ascending=false')).body;
      const v = rows.map((m) => m.volume24hr as number);
      expect(v).toEqual([...v].sort((a, b) => b - a));
    });

    it('should answer 400 in Gamma\'s shape for a bad parameter', async () => {
      const r = await markets('?limit=abc');
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ type: 'bad request error', error: expect.stringContaining('limit') });
    });
  });

  describe('GET /markets/:id', () => {
    it('should answer one market object', async () => {
      const r = await req<GammaMarketRow>(`${s.urls.gamma}/markets/600007`);
      expect(r.status).toBe(200);
      expect(r.body.id).toBe('600007');
      expect(r.body.$schema).toBe('https://gamma-api.polymarket.com/schemas/Market.json');
    });

    it('should answer 404 with the recorded body for an unknown id', async () => {
      const r = await req(`${s.urls.gamma}/markets/1`);
      expect(r.status).toBe(404);
      expect(r.body).toEqual(fixture('gamma_error_404_not_found.json'));
    });
  });

  describe('GET /events', () => {
    it('should group the markets three per event with the markets embedded', async () => {
      const r = await req<{ id: string; title: string; markets: GammaMarketRow[]; tags: unknown[] }[]>(`${s.urls.gamma}/events?limit=100`);
      expect(r.status).toBe(200);
      expect(r.body).toHaveLength(40);
      expect(r.body[0].markets.map((m) => m.id)).toEqual(['600000', '600001', '600002']);
      expect(new Set(r.body.flatMap((e) => e.markets.map((m) => m.id))).size).toBe(120);
      expect(r.body[0].tags).toHaveLength(1);
      const second = await req<{ id: string }[]>(`${s.urls.gamma}/events?limit=2&offset=1`);
      expect(second.body.map((e) => e.id)).toEqual([r.body[1].id, r.body[2].id]);
    });
  });

  describe('determinism', () => {
    it('should give byte-identical pages for the same seed and different ones for another seed', async () => {
      const a = await sim({ markets: 120, seed: 5 });
      const b = await sim({ markets: 120, seed: 5 });
      const c = await sim({ markets: 120, seed: 6 });
      try {
        const page = async (x: Simulator) => (await req(`${x.urls.gamma}/markets?limit=100&offset=10`)).text;
        const events = async (x: Simulator) => (await req(`${x.urls.gamma}/events?limit=5`)).text;
        expect(await page(a)).toBe(await page(b));
        expect(await events(a)).toBe(await events(b));
        expect(await page(a)).not.toBe(await page(c));
      } finally {
        await Promise.all([a.close(), b.close(), c.close()]);
      }
    });
  });
});
