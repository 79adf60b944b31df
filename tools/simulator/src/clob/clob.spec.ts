import type { Simulator } from '../index';
import { fixture, FIXED_NOW, GammaMarketRow, postJson, req, sim, typeMismatches } from '../testing/kit';

interface Level { price: string; size: string }
interface Book { market: string; asset_id: string; timestamp: string; bids: Level[]; asks: Level[]; tick_size: string; [k: string]: unknown }

describe('CLOB API', () => {
  let s: Simulator;
  let rows: GammaMarketRow[];
  let yes: string;
  let no: string;
  beforeAll(async () => {
    s = await sim({ markets: 60 });
    rows = (await req<GammaMarketRow[]>(`${s.urls.gamma}/markets?limit=60`)).body;
    [yes, no] = JSON.parse(rows[0].clobTokenIds) as string[];
  });
  afterAll(() => s.close());

  const book = (token: string) => req<Book>(`${s.urls.clob}/book?token_id=${token}`);

  describe('GET /book', () => {
    it('should have the keys and JSON types of the recorded book', async () => {
      const recorded = fixture<Record<string, unknown>>('clob_book_trimmed.json');
      const r = await book(yes);
      expect(r.status).toBe(200);
      expect(Object.keys(r.body)).toEqual(Object.keys(recorded));
      expect(typeMismatches(recorded, r.body)).toEqual({});
      expect(typeMismatches((recorded.bids as Record<string, unknown>[])[0], r.body.bids[0] as never)).toEqual({});
      expect(r.body.timestamp).toBe(String(FIXED_NOW));
      expect(r.body.market).toBe(rows[0].conditionId);
      expect(r.body.asset_id).toBe(yes);
      expect(r.body.hash).toMatch(/^[0-9a-f]{40}$/);
    });

    it('should sort bids ascending and asks descending, best prices last, with a spread of 1–3 ticks', async () => {
      for (const m of rows.slice(0, 20)) {
        for (const token of JSON.parse(m.clobTokenIds) as string[]) {
          const b = (await book(token)).body;
          const bids = b.bids.map((l) => Number(l.price));
          const asks = b.asks.map((l) => Number(l.price));
          expect(bids).toEqual([...bids].sort((x, y) => x - y));
          expect(asks).toEqual([...asks].sort((x, y) => y - x));
          expect(b.bids.length).toBeGreaterThanOrEqual(1);
          expect(b.bids.length).toBeLessThanOrEqual(15);
          expect(b.asks.length).toBeLessThanOrEqual(15);
          const tick = Number(b.tick_size);
          expect([0.001, 0.01]).toContain(tick);
          const spreadTicks = Math.round((asks[asks.length - 1] - bids[bids.length - 1]) / tick);
          expect(spreadTicks).toBeGreaterThanOrEqual(1);
          expect(spreadTicks).toBeLessThanOrEqual(3);
          for (const l of [...b.bids, ...b.asks]) expect(Number(l.size)).toBeGreaterThan(0);
        }
      }
    });

    it('should agree with Gamma: best bid/ask of the Yes book are bestBid/bestAsk, and the No book mirrors it', async () => {
      const y = (await book(yes)).body;
      const n = (await book(no)).body;
      expect(Number(y.bids.at(-1)?.price)).toBe(rows[0].bestBid);
      expect(Number(y.asks.at(-1)?.price)).toBe(rows[0].bestAsk);
      expect(Number(n.bids.at(-1)?.price)).toBeCloseTo(1 - rows[0].bestAsk, 10);
      expect(n.bids.at(-1)?.size).toBe(y.asks.at(-1)?.size);
    });

    it('should answer 400 with the recorded body without a token and 404 for an unknown one', async () => {
      const missing = await req(`${s.urls.clob}/book`);
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual(fixture('clob_book_400_missing_token_id.json'));
      const unknown = await book('123456789');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ error: expect.any(String) });
    });
  });

  describe('POST /books', () => {
    it('should answer the books of the tokens asked, in order, same as GET /book', async () => {
      const tokens = rows.slice(0, 5).flatMap((m) => JSON.parse(m.clobTokenIds) as string[]);
      const r = await postJson<Book[]>(`${s.urls.clob}/books`, tokens.map((token_id) => ({ token_id })));
      expect(r.status).toBe(200);
      expect(r.body.map((b) => b.asset_id)).toEqual(tokens);
      expect(r.body[1]).toEqual((await book(tokens[1])).body);
    });

    it('should accept 500 entries and refuse 501 with 400', async () => {
      const tokens = rows.flatMap((m) => JSON.parse(m.clobTokenIds) as string[]);
      const items = Array.from({ length: 501 }, (_, i) => ({ token_id: tokens[i % tokens.length] }));
      const ok = await postJson<Book[]>(`${s.urls.clob}/books`, items.slice(0, 500));
      expect(ok.status).toBe(200);
      expect(ok.body).toHaveLength(500);
      const tooMany = await postJson(`${s.urls.clob}/books`, items);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body).toEqual({ error: expect.stringContaining('500') });
    });

    it('should refuse a body that is not a list of {token_id}', async () => {
      expect((await postJson(`${s.urls.clob}/books`, { token_id: yes })).status).toBe(400);
      expect((await req(`${s.urls.clob}/books`, { method: 'POST', body: '[{' })).status).toBe(400);
    });
  });

  describe('GET /midpoint and /price', () => {
    it('should answer the mid as a string like the recorded body, matching Gamma\'s outcomePrices', async () => {
      const r = await req<{ mid: string }>(`${s.urls.clob}/midpoint?token_id=${yes}`);
      expect(Object.keys(r.body)).toEqual(Object.keys(fixture('clob_midpoint.json') as object));
      expect(r.body.mid).toBe((JSON.parse(rows[0].outcomePrices) as string[])[0]);
      const rNo = await req<{ mid: string }>(`${s.urls.clob}/midpoint?token_id=${no}`);
      expect(rNo.body.mid).toBe((JSON.parse(rows[0].outcomePrices) as string[])[1]);
    });

    it('should answer BUY with the best bid and SELL with the best ask, 400 for another side', async () => {
      const buy = await req<{ price: string }>(`${s.urls.clob}/price?token_id=${yes}&side=BUY`);
      expect(Object.keys(buy.body)).toEqual(Object.keys(fixture('clob_price.json') as object));
      expect(Number(buy.body.price)).toBe(rows[0].bestBid);
      const sell = await req<{ price: string }>(`${s.urls.clob}/price?token_id=${yes}&side=SELL`);
      expect(Number(sell.body.price)).toBe(rows[0].bestAsk);
      expect((await req(`${s.urls.clob}/price?token_id=${yes}&side=HOLD`)).status).toBe(400);
    });
  });

  describe('GET /prices-history', () => {
    type History = { history: { t: number; p: number }[] };
    const history = (q: string) => req<History>(`${s.urls.clob}/prices-history?market=${yes}&${q}`);
    const nowS = Math.floor(FIXED_NOW / 1000);

    it('should answer the recorded shape: {history:[{t, p}]} with t in seconds and p a number', async () => {
      const r = await history('interval=1d');
      const recorded = fixture<History>('clob_prices_history.json');
      expect(Object.keys(r.body)).toEqual(Object.keys(recorded));
      expect(typeMismatches(recorded.history[0], r.body.history[0])).toEqual({});
      expect(r.body.history).toHaveLength(96);
    });

    it('should keep the points inside [startTs, endTs] on the 15-minute grid, the last one the current mid', async () => {
      const r = await history(`startTs=${nowS - 6 * 3600}&endTs=${nowS}&fidelity=15`);
      const ts = r.body.history.map((x) => x.t);
      expect(ts.length).toBe(24);
      expect(ts[0]).toBeGreaterThanOrEqual(nowS - 6 * 3600);
      expect(ts.at(-1)).toBeLessThanOrEqual(nowS);
      for (let i = 1; i < ts.length; i++) expect(ts[i] - ts[i - 1]).toBe(900);
      expect(ts.every((t) => t % 900 === 0)).toBe(true);
      expect(String(r.body.history.at(-1)?.p)).toBe((JSON.parse(rows[0].outcomePrices) as string[])[0]);
      for (const x of r.body.history) expect(x.p > 0 && x.p < 1).toBe(true);
    });

    it('should thin the points to the fidelity', async () => {
      const hourly = await history(`startTs=${nowS - 24 * 3600}&endTs=${nowS}&fidelity=60`);
      expect(hourly.body.history.length).toBeGreaterThanOrEqual(24);
      expect(hourly.body.history.length).toBeLessThanOrEqual(25);
      expect(hourly.body.history.every((x) => x.t % 3600 === 0)).toBe(true);
      const daily = await history('interval=1w&fidelity=1440');
      expect(daily.body.history.length).toBeGreaterThanOrEqual(5);
      expect(daily.body.history.length).toBeLessThanOrEqual(6);
    });

    it('should answer all 500 history points for interval=max and nothing for an unknown token', async () => {
      expect((await history('interval=max')).body.history).toHaveLength(500);
      expect((await req(`${s.urls.clob}/prices-history?market=42`)).body).toEqual({ history: [] });
      expect((await req(`${s.urls.clob}/prices-history`)).status).toBe(400);
      expect((await history('interval=2y')).status).toBe(400);
    });
  });

  describe('GET /markets/:condition_id', () => {
    it('should have the keys and types of the recorded CLOB market', async () => {
      const recorded = fixture<Record<string, unknown>>('clob_market_by_condition_id.json');
      const r = await req<Record<string, unknown>>(`${s.urls.clob}/markets/${rows[0].conditionId}`);
      expect(r.status).toBe(200);
      expect(Object.keys(r.body).sort()).toEqual(Object.keys(recorded).sort());
      const { rewards: _r, ...rest } = recorded;
      expect(typeMismatches(rest, r.body)).toEqual({});
    });
  });

  describe('determinism', () => {
    it('should give byte-identical books for the same seed and different ones for another seed', async () => {
      const a = await sim({ markets: 60 });
      const c = await sim({ markets: 60, seed: 43 });
      try {
        const tokens = rows.slice(0, 10).flatMap((m) => JSON.parse(m.clobTokenIds) as string[]).map((token_id) => ({ token_id }));
        const [x, y] = await Promise.all([postJson(`${s.urls.clob}/books`, tokens), postJson(`${a.urls.clob}/books`, tokens)]);
        expect(x.text).toBe(y.text);
        const ct = JSON.parse((await req<GammaMarketRow[]>(`${c.urls.gamma}/markets?limit=1`)).body[0].clobTokenIds)[0] as string;
        expect(ct).not.toBe(yes);
        expect((await req(`${c.urls.clob}/book?token_id=${yes}`)).status).toBe(404);
      } finally {
        await Promise.all([a.close(), c.close()]);
      }
    });
  });
});
