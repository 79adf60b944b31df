import { pearson, req, sim } from './testing/kit';

/** The demo runs the simulator on a 1-minute grid: history points, mention counts and the lead all follow it. */
describe('startSimulator({ intervalMinutes: 1 })', () => {
  const MIN = 60_000;

  it('should refuse a grid that is not a whole number of minutes', async () => {
    await expect(sim({ intervalMinutes: 0 })).rejects.toThrow(/intervalMinutes/);
  });

  it('should serve one history point per minute and report the grid', async () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 30);
    const s = await sim({ markets: 3, historyPoints: 120, intervalMinutes: 1, now: () => now });
    try {
      const info = (await req<{ intervalMs: number; anchorMs: number }>(`${s.url}/__sim/info`).catch(() => null))?.body;
      if (info && typeof info.intervalMs === 'number') expect(info.intervalMs).toBe(MIN);
      const token = s.markets()[0].tokenIds[0];
      const points = async (q = 'interval=max&fidelity=1') => (await req<{ history: { t: number }[] }>(`${s.urls.clob}/prices-history?market=${token}&${q}`)).body.history;
      const h = await points();
      expect(h).toHaveLength(120);
      for (let i = 1; i < h.length; i++) expect(h[i].t - h[i - 1].t).toBe(60);
      expect(h[h.length - 1].t * 1000).toBe(Date.UTC(2026, 0, 1, 12, 0, 0));
      // the default fidelity (15 minutes) thins the minute grid as Polymarket does
      expect((await points('interval=max')).length).toBeLessThanOrEqual(9);
      now += 3 * MIN;
      expect(await points()).toHaveLength(123);
    } finally {
      await s.close();
    }
  });

  it('should put every interval\'s mentions inside its minute, and keep the lead on the minute grid', async () => {
    const s = await sim({ markets: 12, historyPoints: 300, ledFraction: 0.5, intervalMinutes: 1 });
    try {
      const truth = s.truth();
      const auth = { authorization: 'Bearer t' };
      const results: { led: boolean; r: number }[] = [];
      for (const [i, m] of s.markets().entries()) {
        const hist = (await req<{ history: { t: number; p: number }[] }>(`${s.urls.clob}/prices-history?market=${m.tokenIds[0]}&interval=max&fidelity=1`)).body.history;
        const start = new Date(hist[0].t * 1000 - 3 * MIN).toISOString();
        const counts = (await req<{ data: { start: string; tweet_count: number }[] }>(
          `${s.urls.x}/2/tweets/counts/recent?query=${m.query}&granularity=minute&start_time=${start}`, { headers: auth })).body.data;
        const perMinute = new Map(counts.map((b) => [Date.parse(b.start) / 1000, b.tweet_count]));
        const lag = truth[i].lag ?? 1;
        const x: number[] = [];
        const y: number[] = [];
        const logit = (p: number) => Math.log(p / (1 - p));
        for (let j = 1; j < hist.length; j++) {
          x.push(Math.log1p(perMinute.get(hist[j].t - lag * 60) ?? 0));
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
});
