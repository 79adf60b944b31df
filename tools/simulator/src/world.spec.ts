import { SimClock } from './clock';
import { midNum, quote } from './quote';
import { pearson, FIXED_NOW } from './testing/kit';
import { World } from './world';

const make = (markets: number, seed = 42, ledFraction = 0.3) =>
  new World({ seed, markets, historyPoints: 500, ledFraction }, new SimClock(() => FIXED_NOW));

describe('World', () => {
  describe('markets', () => {
    const world = make(1000);

    it('should give every market a unique id, slug, question, condition id and two unique ~77-digit token ids', () => {
      const ms = world.markets;
      expect(ms).toHaveLength(1000);
      expect(new Set(ms.map((m) => m.id)).size).toBe(1000);
      expect(new Set(ms.map((m) => m.slug)).size).toBe(1000);
      expect(new Set(ms.map((m) => m.question)).size).toBe(1000);
      expect(new Set(ms.map((m) => m.conditionId)).size).toBe(1000);
      const tokens = ms.flatMap((m) => m.tokenIds);
      expect(new Set(tokens).size).toBe(2000);
      for (const t of tokens) expect(t).toMatch(/^[1-9]\d{76}$/);
      for (const m of ms) expect(m.conditionId).toMatch(/^0x[0-9a-f]{64}$/);
      expect(ms[0].id).toBe('600000');
    });

    it('should end markets between 1 hour and 200 days after the anchor, about 5 % within 24 h', () => {
      const anchor = world.clock.anchorMs;
      const within24h = world.markets.filter((m) => m.endDateMs - anchor < 86_400_000).length;
      for (const m of world.markets) {
        expect(m.endDateMs).toBeGreaterThan(anchor);
        expect(m.endDateMs - anchor).toBeLessThanOrEqual(201 * 86_400_000);
        if (m.endDateMs - anchor >= 86_400_000) expect(m.endDateMs - anchor).toBeGreaterThanOrEqual(2 * 86_400_000);
      }
      expect(within24h).toBeGreaterThan(20);
      expect(within24h).toBeLessThan(90);
    });

    it('should close about 8 % of the markets, closed ones inactive', () => {
      const closed = world.markets.filter((m) => m.closed);
      expect(closed.length).toBeGreaterThan(50);
      expect(closed.length).toBeLessThan(120);
      for (const m of world.markets) expect(m.active).toBe(!m.closed);
    });

    it('should group markets three by three into events of one sector', () => {
      expect(world.events).toHaveLength(334);
      for (const e of world.events) for (const i of e.marketIndexes) expect(world.markets[i].sector).toBe(e.sector);
      expect(new Set(world.markets.map((m) => m.sector.slug))).toEqual(new Set(['politics', 'sports', 'crypto', 'economics', 'world-affairs', 'science', 'pop-culture']));
    });

    it('should find markets by id and token id', () => {
      const m = world.markets[17];
      expect(world.byId(m.id)).toBe(m);
      expect(world.byToken(m.tokenIds[1])).toEqual({ market: m, outcome: 1 });
      expect(world.byToken('123')).toBeUndefined();
    });

    it('should build the same universe for the same seed and another for another seed', () => {
      const a = make(50, 7);
      const b = make(50, 7);
      const c = make(50, 8);
      expect(a.markets.map((m) => [m.slug, m.tokenIds, m.led, m.lag])).toEqual(b.markets.map((m) => [m.slug, m.tokenIds, m.led, m.lag]));
      expect(a.markets.map((m) => m.slug)).not.toEqual(c.markets.map((m) => m.slug));
    });
  });

  describe('series', () => {
    const world = make(50);

    it('should keep prices inside (0.01, 0.99) and hype non-negative integers', () => {
      const bad: string[] = [];
      for (const m of world.markets) {
        const s = world.series(m);
        for (let k = -499; k <= 0; k++) {
          const p = s.yes(k);
          const h = s.hype(k);
          if (!(p > 0.01 && p < 0.99) || !Number.isInteger(h) || h < 0) bad.push(`${m.slug}@${k}: p=${p} h=${h}`);
        }
      }
      expect(bad).toEqual([]);
    });

    it('should extend as time passes without changing the past', () => {
      const m = world.markets[3];
      const before = Array.from({ length: 10 }, (_, i) => world.series(m).yes(-i));
      expect(world.series(m).yes(200)).toBeGreaterThan(0);
      expect(Array.from({ length: 10 }, (_, i) => world.series(m).yes(-i))).toEqual(before);
      const fresh = make(50);
      expect(fresh.series(fresh.markets[3]).yes(200)).toBe(world.series(m).yes(200));
    });
  });

  describe('truth()', () => {
    it('should mark round(ledFraction·N) markets as led with lag 1..3 and a positive beta', () => {
      const world = make(50);
      const truth = world.truth();
      const led = truth.filter((t) => t.led);
      expect(led).toHaveLength(15);
      for (const t of led) {
        expect([1, 2, 3]).toContain(t.lag);
        expect(t.beta).toBeGreaterThan(0);
      }
      for (const t of truth.filter((x) => !x.led)) expect([t.lag, t.beta]).toEqual([null, null]);
      expect(make(40, 42, 0).truth().filter((t) => t.led)).toHaveLength(0);
    });

    it('should make lagged hype correlate with the quoted price change at the true lag for led markets only', () => {
      const world = make(50);
      const corr = (i: number, lag: number) => {
        const m = world.markets[i];
        const s = world.series(m);
        const x: number[] = [];
        const y: number[] = [];
        for (let k = -495; k <= 0; k++) {
          const a = midNum(quote(world, m, k));
          const b = midNum(quote(world, m, k - 1));
          x.push(Math.log1p(s.hype(k - lag)));
          y.push(Math.log(a / (1 - a)) - Math.log(b / (1 - b)));
        }
        return pearson(x, y);
      };
      const truth = world.truth();
      const ledCorr = truth.map((t, i) => (t.led ? corr(i, t.lag as number) : NaN)).filter((v) => !Number.isNaN(v));
      const unledCorr = truth.map((t, i) => (t.led ? NaN : Math.max(...[1, 2, 3].map((l) => Math.abs(corr(i, l)))))).filter((v) => !Number.isNaN(v));
      expect(Math.min(...ledCorr)).toBeGreaterThan(0.4);
      expect(Math.max(...unledCorr)).toBeLessThan(0.25);
    });
  });

  describe('keywords', () => {
    it('should use only words that the market question (subject, predicate, date) contains', () => {
      const world = make(1000);
      const missing: string[] = [];
      for (const m of world.markets) {
        const words = new Set(`${m.subject.text} ${m.predicate.text} by ${m.groupItemTitle}`.toLowerCase().split(/[^a-z0-9%-]+/));
        for (const kw of m.keywords) for (const w of kw.split(' ')) if (!words.has(w)) missing.push(`${m.slug}: ${w}`);
      }
      expect(missing).toEqual([]);
    });
  });
});
