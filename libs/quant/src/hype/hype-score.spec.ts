import fc from 'fast-check';
import { HYPE_PARAMS, HypeInput, hypeScore, scoreIntervals } from './hype-score';

const anyNumber = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 1e308));
const anyInput = fc.record({
  mentions: anyNumber,
  baseline: fc.array(anyNumber, { maxLength: 120 }),
  previous: fc.option(anyNumber, { nil: null }),
  sentiment: anyNumber,
});
const counts = fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 100 });
const sentiment = fc.double({ min: -1, max: 1, noNaN: true });
const maxScore = (HYPE_PARAMS.zWeight + HYPE_PARAMS.velocityWeight) * HYPE_PARAMS.clip * (1 + HYPE_PARAMS.sentimentTilt);

describe('hypeScore()', () => {
  it('should give finite components for any input, sentiment in [-1, 1], mentions ≥ 0, |H| bounded', () => {
    fc.assert(fc.property(anyInput, (input: HypeInput) => {
      const h = hypeScore(input);
      return Object.values(h).every(Number.isFinite) && h.mentions >= 0 && h.sentiment >= -1 && h.sentiment <= 1 && Math.abs(h.hypeScore) <= maxScore + 1e-9;
    }), { numRuns: 2000 });
  });

  it('should never decrease when mentions rise at a fixed baseline, previous interval and sentiment', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), counts, fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: null }), sentiment,
      (a, b, baseline, previous, s) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const low = hypeScore({ mentions: lo, baseline, previous, sentiment: s });
        const high = hypeScore({ mentions: hi, baseline, previous, sentiment: s });
        return high.hypeScore >= low.hypeScore - 1e-12 && high.mentionsZ >= low.mentionsZ - 1e-12 && high.velocity >= low.velocity - 1e-12;
      }), { numRuns: 2000 });
  });

  it('should be 0 for a market talked about exactly as usual', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 4, max: 96 }), sentiment, (m, n, s) =>
      Math.abs(hypeScore({ mentions: m, baseline: Array(n).fill(m), previous: m, sentiment: s }).hypeScore) < 1e-9));
  });

  it('should let sentiment tilt the size by up to ±50 % but never flip the sign', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e5 }), counts, fc.option(fc.integer({ min: 0, max: 1e5 }), { nil: null }), sentiment, (m, baseline, previous, s) => {
      const neutral = hypeScore({ mentions: m, baseline, previous, sentiment: 0 }).hypeScore;
      const tilted = hypeScore({ mentions: m, baseline, previous, sentiment: s }).hypeScore;
      return Math.sign(tilted) === Math.sign(neutral) || tilted === 0 || neutral === 0
        ? Math.abs(tilted - neutral * (1 + 0.5 * s)) < 1e-9
        : false;
    }));
    const burst = { mentions: 400, baseline: [10, 12, 9, 11, 10, 13], previous: 11 };
    const euphoric = hypeScore({ ...burst, sentiment: 0.9 }).hypeScore;
    const angry = hypeScore({ ...burst, sentiment: -0.9 }).hypeScore;
    expect(euphoric).toBeGreaterThan(angry);
    expect(angry).toBeGreaterThan(0);
  });

  it('should leave z at 0 until the baseline has 4 points', () => {
    expect(hypeScore({ mentions: 500, baseline: [1, 2, 1], previous: null, sentiment: 0 })).toEqual({ mentions: 500, mentionsZ: 0, velocity: 0, sentiment: 0, hypeScore: 0 });
    expect(hypeScore({ mentions: 500, baseline: [1, 2, 1, 2], previous: null, sentiment: 0 }).mentionsZ).toBeGreaterThan(5);
  });

  it('should compute the documented example', () => {
    // baseline 10,12,9,11 → x = ln 11, ln 13, ln 10, ln 12: mean 2.437584, sd 0.112933; d = √(sd² + 0.25²) = 0.274324
    const h = hypeScore({ mentions: 40, baseline: [10, 12, 9, 11], previous: 11, sentiment: 0.5 });
    expect(h.mentionsZ).toBeCloseTo((Math.log(41) - 2.437584) / 0.274324, 4); // 4.6514
    expect(h.velocity).toBeCloseTo(Math.log(41 / 12), 10); // 1.2287
    expect(h.hypeScore).toBeCloseTo((0.7 * 4.651387 + 0.3 * (1.228665 / 0.274324)) * 1.25, 3); // 5.7496
  });
});

describe('scoreIntervals()', () => {
  it('should give each interval of a backfill its own trailing baseline', () => {
    const inputs = new Map([10, 11, 12, 13, 14, 15].map((k) => [k, { mentions: k === 15 ? 100 : 5, sentiment: 0 }]));
    const out = scoreIntervals(new Map(), inputs, 4);
    expect([...out.keys()]).toEqual([10, 11, 12, 13, 14, 15]);
    expect(out.get(10)).toMatchObject({ mentionsZ: 0, velocity: 0 });
    expect(out.get(14)).toMatchObject({ mentionsZ: 0, velocity: 0, hypeScore: 0 });
    expect(out.get(15)!.mentionsZ).toBeGreaterThan(5);
    expect(out.get(15)!.velocity).toBeCloseTo(Math.log(101 / 6), 10);
  });

  it('should read earlier intervals from the known series and skip missing ones', () => {
    const known = new Map([[1, 3], [2, 3], [4, 3], [5, 3]]);
    const out = scoreIntervals(known, new Map([[6, { mentions: 3, sentiment: 0.2 }]]), 5);
    expect(out.get(6)).toEqual({ mentions: 3, mentionsZ: 0, velocity: 0, sentiment: 0.2, hypeScore: 0 });
    const gap = scoreIntervals(known, new Map([[7, { mentions: 3, sentiment: 0 }]]), 5);
    expect(gap.get(7)!.velocity).toBe(0);
  });

  it('should match hypeScore() interval by interval for any series', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 2, max: 10 }), (series, n) => {
      const inputs = new Map(series.map((m, i) => [i, { mentions: m, sentiment: 0 }]));
      const out = scoreIntervals(new Map(), inputs, n);
      return series.every((m, i) => out.get(i)!.hypeScore === hypeScore({ mentions: m, baseline: series.slice(Math.max(0, i - n), i), previous: i > 0 ? series[i - 1] : null, sentiment: 0 }).hypeScore);
    }));
  });
});
