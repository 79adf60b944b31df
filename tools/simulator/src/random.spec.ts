import { hash4, normal, Rng, uniform } from './random';

describe('random', () => {
  describe('hash4() / uniform() / normal()', () => {
    it('should give the same value for the same tuple and different values for neighbours', () => {
      expect(hash4(42, 3, -7, 101)).toBe(hash4(42, 3, -7, 101));
      const seen = new Set<number>();
      for (let k = -500; k < 500; k++) seen.add(hash4(42, 3, k, 101));
      expect(seen.size).toBe(1000);
    });

    it('should spread uniform() over [0, 1) and make normal() standard', () => {
      const us: number[] = [];
      const zs: number[] = [];
      for (let k = 0; k < 20_000; k++) {
        us.push(uniform(1, 2, k, 3));
        zs.push(normal(1, 2, k, 4));
      }
      expect(Math.min(...us)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...us)).toBeLessThan(1);
      const mean = zs.reduce((s, v) => s + v, 0) / zs.length;
      const sd = Math.sqrt(zs.reduce((s, v) => s + (v - mean) ** 2, 0) / zs.length);
      expect(Math.abs(mean)).toBeLessThan(0.03);
      expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    });
  });

  describe('Rng', () => {
    it('should repeat its sequence for the same seed', () => {
      const a = new Rng(7);
      const b = new Rng(7);
      expect(Array.from({ length: 10 }, () => a.next())).toEqual(Array.from({ length: 10 }, () => b.next()));
      expect(new Rng(8).next()).not.toBe(new Rng(7).next());
    });

    it('should draw Poisson counts with the right mean for small and large rates', () => {
      const r = new Rng(1);
      for (const lambda of [3, 80]) {
        let s = 0;
        for (let i = 0; i < 5000; i++) s += r.poisson(lambda);
        expect(s / 5000).toBeCloseTo(lambda, lambda > 10 ? -0.5 : 0);
      }
    });

    it('should shuffle into a permutation', () => {
      const out = new Rng(3).shuffle([1, 2, 3, 4, 5]);
      expect([...out].sort()).toEqual([1, 2, 3, 4, 5]);
    });
  });
});
