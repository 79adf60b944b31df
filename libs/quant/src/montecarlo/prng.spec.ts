import fc from 'fast-check';
import { QuantInputError } from '../stats/errors';
import { MAX_BELOW, Xoshiro128, checkBound } from './prng';

// The numbers printed by fixtures/xoshiro128ss-reference.c (Blackman & Vigna's C, and the splitmix32 seeder).
const draw = (g: Xoshiro128, n: number) => Array.from({ length: n }, () => g.nextUint32());

describe('Xoshiro128 (xoshiro128** 1.1, splitmix32 seeding)', () => {
  it('should give the reference C outputs from the state {1, 2, 3, 4}', () => {
    expect(draw(Xoshiro128.fromState([1, 2, 3, 4]), 8)).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849]);
  });

  it.each([
    [0, [1684164658, 3653269916, 2939563536, 2141751570], [1789933344, 44971166, 2521387044, 3848737593, 1138324114, 749234105]],
    [42, [551831576, 144025891, 322543647, 3034809370], [660444221, 3652823732, 77672526, 910233633, 2297337756, 3786072677]],
    [4294967295, [3950124170, 4293442868, 1302505678, 2762329221], [4104197751, 1825856343, 1152209388, 2427537429, 3685145430, 609215610]],
  ])('should seed %d through splitmix32 to the reference state and outputs', (seed, state, outputs) => {
    const g = new Xoshiro128(seed);
    expect(g.state()).toEqual(state);
    expect(draw(g, 6)).toEqual(outputs);
  });

  it('should jump as the reference jump() does (independent streams)', () => {
    const g = Xoshiro128.fromState([1, 2, 3, 4]);
    g.jump();
    expect(draw(g, 4)).toEqual([1194304935, 745561276, 25819468, 3320478005]);
    expect(draw(Xoshiro128.stream(42, 2), 4)).toEqual([3288425821, 1330124708, 3860699185, 2184873219]);
    expect(draw(Xoshiro128.stream(42, 0), 2)).toEqual([660444221, 3652823732]);
  });

  it('should draw doubles in [0, 1) as u32 / 2^32 and whole numbers in 0..n−1 as floor(u32 · n / 2^32)', () => {
    fc.assert(fc.property(fc.nat({ max: 0xffffffff }), fc.integer({ min: 1, max: MAX_BELOW }), (seed, n) => {
      const [a, b, c] = [new Xoshiro128(seed), new Xoshiro128(seed), new Xoshiro128(seed)];
      for (let i = 0; i < 20; i++) {
        const u = a.nextUint32();
        const d = b.nextDouble();
        const k = c.below(n);
        expect(d).toBe(u / 2 ** 32);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(1);
        expect(k).toBe(Number((BigInt(u) * BigInt(n)) >> 32n));
        expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
      }
    }));
  });

  it('should hit every value of a small range about equally often', () => {
    const g = new Xoshiro128(7);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[g.below(6)]++;
    // 10,000 expected each; sd ≈ 91, so ±500 is > 5 sd
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('should refuse a seed that is not a whole number in 0..2^32 − 1, and a range below cannot draw from exactly', () => {
    for (const seed of [-1, 1.5, 2 ** 32, NaN]) {
      expect(() => new Xoshiro128(seed)).toThrow(new QuantInputError('BAD_PARAMETER', `seed: expected a whole number in 0..4294967295, got ${seed}`));
    }
    expect(() => checkBound(0, 'trades')).toThrow('trades: expected 1..2097152 items to draw from, got 0');
    expect(() => checkBound(MAX_BELOW + 1, 'trades')).toThrow(/got 2097153/);
    expect(() => checkBound(MAX_BELOW, 'trades')).not.toThrow();
  });
});
