import fc from 'fast-check';
import { QuantInputError } from './errors';
import { benjaminiHochberg } from './multiple-testing';

describe('benjaminiHochberg()', () => {
  it("should reproduce R's p.adjust(p, 'BH') on the Benjamini & Hochberg (1995) example to the 7 printed digits", () => {
    const p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];
    const r = ['0.0015000', '0.0030000', '0.0095000', '0.0356250', '0.0603000', '0.0638571', '0.0638571', '0.0645000',
      '0.0765000', '0.4860000', '0.5811818', '0.7148750', '0.7532308', '0.8132143', '1.0000000'];
    expect(benjaminiHochberg(p).map((v) => v.toFixed(7))).toEqual(r);
    expect(benjaminiHochberg(p).filter((v) => v <= 0.05)).toHaveLength(4); // the paper rejects 4 at q = 0.05
  });

  it('should match values computed by hand from adj(i) = min over j ≥ i of n/j · p(j), in input order', () => {
    // sorted: .001·5/1 = .005, .03·5/2 = .075, .04·5/3 = .0667, .045·5/4 = .05625, .5·5/5 = .5 → running min from the top
    const out = benjaminiHochberg([0.04, 0.001, 0.03, 0.5, 0.045]);
    [0.05625, 0.005, 0.05625, 0.5, 0.05625].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 15));
    expect(benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05])).toEqual([0.05, 0.05, 0.05, 0.05, 0.05]);
    expect(benjaminiHochberg([0.8, 0.9])).toEqual([0.9, 0.9]);
  });

  it("should keep NaN in place and not count it, as R does with NA", () => {
    const out = benjaminiHochberg([0.01, NaN, 0.04]);
    expect(out[0]).toBeCloseTo(0.02, 15);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(0.04, 15);
  });

  it("should honour a larger n like R's p.adjust(p, 'BH', n = 4)", () => {
    const out = benjaminiHochberg([0.01, 0.02], 4);
    expect(out[0]).toBeCloseTo(0.04, 15);
    expect(out[1]).toBeCloseTo(0.04, 15);
    expect(() => benjaminiHochberg([0.01, 0.02], 1)).toThrow(QuantInputError);
  });

  it('should give ties the same adjusted value and handle empty input', () => {
    const out = benjaminiHochberg([0.01, 0.01, 0.3]);
    expect(out[0]).toBe(out[1]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('should refuse p-values outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.1, 1.2])).toThrow(/p-value 1 is 1.2/);
    expect(() => benjaminiHochberg([-0.1])).toThrow(QuantInputError);
    expect(() => benjaminiHochberg([Infinity])).toThrow(QuantInputError);
  });

  describe('properties', () => {
    const pValues = fc.array(fc.oneof({ weight: 9, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, NaN) }), { maxLength: 60 });

    it('should stay within [0, 1] and never fall below the raw p-value', () => {
      fc.assert(
        fc.property(pValues, (p) => {
          benjaminiHochberg(p).forEach((adj, i) => {
            if (Number.isNaN(p[i])) return expect(adj).toBeNaN();
            expect(adj).toBeGreaterThanOrEqual(p[i]);
            expect(adj).toBeGreaterThanOrEqual(0);
            expect(adj).toBeLessThanOrEqual(1);
          });
        }),
      );
    });

    it('should be monotone: ordering by raw p gives non-decreasing adjusted p', () => {
      fc.assert(
        fc.property(pValues, (p) => {
          const adj = benjaminiHochberg(p);
          const order = p.map((_, i) => i).filter((i) => !Number.isNaN(p[i])).sort((a, b) => p[a] - p[b]);
          for (let r = 1; r < order.length; r++) expect(adj[order[r]]).toBeGreaterThanOrEqual(adj[order[r - 1]]);
        }),
      );
    });

    it('should not depend on the order of the input', () => {
      fc.assert(
        fc.property(pValues, fc.integer(), (p, seed) => {
          const perm = p.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
          const adj = benjaminiHochberg(p);
          const adjPerm = benjaminiHochberg(perm.map((i) => p[i]));
          perm.forEach((i, r) => expect(adjPerm[r]).toBe(adj[i]));
        }),
      );
    });
  });
});
