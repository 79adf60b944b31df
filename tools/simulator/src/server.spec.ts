import { startSimulator } from './index';
import { GammaMarketRow, pearson, postJson, req, sim } from './testing/kit';

describe('startSimulator()', () => {
  it('should listen on a free port of 127.0.0.1 and expose the base URLs', async () => {
    const s = await startSimulator();
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(s.urls).toEqual({ gamma: `${s.url}/gamma`, clob: `${s.url}/clob`, x: `${s.url}/x`, rss: `${s.url}/rss/news.xml`, telegram: `${s.url}/telegram` });
      expect((await req<unknown[]>(`${s.urls.gamma}/markets?limit=500`)).body).toHaveLength(50);
    } finally {
      await s.close();
    }
  });

  it('should refuse bad options', async () => {
    await expect(startSimulator({ markets: 0 })).rejects.toThrow(/markets/);
    await expect(startSimulator({ ledFraction: 2 })).rejects.toThrow(/ledFraction/);
  });

  it('should close idempotently, keep-alive sockets included', async () => {
    const s = await sim({ markets: 5 });
    await req(`${s.urls.gamma}/markets`);
    await Promise.all([s.close(), s.close()]);
    await expect(fetch(`${s.urls.gamma}/markets`)).rejects.toThrow();
  });

  it('should extend the series as the clock moves on', async () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const s = await startSimulator({ markets: 5, now: () => now });
    try {
      const token = s.markets()[0].tokenIds[0];
      const points = async () => (await req<{ history: { t: number }[] }>(`${s.urls.clob}/prices-history?market=${token}&interval=max`)).body.history;
      const before = await points();
      now += 2 * 900_000;
      const after = await points();
      expect(after).toHaveLength(before.length + 2);
      expect(after.slice(0, before.length)).toEqual(before);
    } finally {
      await s.close();
    }
  });

  it('should show the lead in the data served: hype counts lead price changes for led markets only', async () => {
    const s = await sim({ markets: 12, historyPoints: 300, ledFraction: 0.5 });
    try {
      const truth = s.truth();
      const auth = { authorization: 'Bearer t' };
      const results: { led: boolean; r: number }[] = [];
      for (const [i, m] of s.markets().entries()) {
        const hist = (await req<{ history: { t: number; p: number }[] }>(`${s.urls.clob}/prices-history?market=${m.tokenIds[0]}&interval=max`)).body.history;
        const start = new Date(hist[0].t * 1000 - 3 * 900_000).toISOString();
        const counts = (await req<{ data: { start: string; tweet_count: number }[] }>(
          `${s.urls.x}/2/tweets/counts/recent?query=${m.query}&granularity=minute&start_time=${start}`, { headers: auth })).body.data;
        const per15 = new Map<number, number>();
        for (const b of counts) {
          const slot = Math.floor(Date.parse(b.start) / 900_000) * 900;
          per15.set(slot, (per15.get(slot) ?? 0) + b.tweet_count);
        }
        const lag = truth[i].lag ?? 1;
        const x: number[] = [];
        const y: number[] = [];
        for (let j = 1; j < hist.length; j++) {
          const logit = (p: number) => Math.log(p / (1 - p));
          x.push(Math.log1p(per15.get(hist[j].t - lag * 900) ?? 0));
          y.push(logit(hist[j].p) - logit(hist[j - 1].p));
        }
        results.push({ led: truth[i].led, r: pearson(x, y) });
      }
      const led = results.filter((x) => x.led).map((x) => x.r);
      const unled = results.filter((x) => !x.led).map((x) => Math.abs(x.r));
      expect(led).toHaveLength(6);
      expect(Math.min(...led)).toBeGreaterThan(0.4);
      expect(Math.min(...led)).toBeGreaterThan(Math.max(...unled) + 0.2);
    } finally {
      await s.close();
    }
  });

  it('should serve 1,000 markets (pages, books, history) quickly — printed, not asserted', async () => {
    const s = await startSimulator({ markets: 1000 });
    try {
      const t0 = performance.now();
      const rows: GammaMarketRow[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = (await req<GammaMarketRow[]>(`${s.urls.gamma}/markets?limit=500&offset=${offset}`)).body;
        rows.push(...page);
        if (page.length < 500) break;
      }
      const t1 = performance.now();
      const tokens = rows.flatMap((m) => JSON.parse(m.clobTokenIds) as string[]);
      const batches: string[][] = [];
      for (let i = 0; i < tokens.length; i += 500) batches.push(tokens.slice(i, i + 500));
      const books = (await Promise.all(batches.map((b) => postJson<unknown[]>(`${s.urls.clob}/books`, b.map((token_id) => ({ token_id })))))).flatMap((r) => r.body);
      const t2 = performance.now();
      const yes = rows.map((m) => (JSON.parse(m.clobTokenIds) as string[])[0]);
      let next = 0;
      const nowS = Math.floor(Date.now() / 1000);
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (next < yes.length) {
          const token = yes[next++];
          await req(`${s.urls.clob}/prices-history?market=${token}&startTs=${nowS - 86_400}&endTs=${nowS}&fidelity=15`);
        }
      }));
      const t3 = performance.now();
      expect(rows).toHaveLength(1000);
      expect(books).toHaveLength(2000);
      // eslint-disable-next-line no-console
      console.log(`simulator, 1,000 markets: pages ${(t1 - t0).toFixed(0)} ms, 2,000 books ${(t2 - t1).toFixed(0)} ms, `
        + `1,000 histories ${(t3 - t2).toFixed(0)} ms, total ${(t3 - t0).toFixed(0)} ms (inside Jest; plain Node is faster)`);
    } finally {
      await s.close();
    }
  });
});
