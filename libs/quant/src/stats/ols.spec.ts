import { QuantInputError } from './errors';
import { ols } from './ols';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('ols()', () => {
  it("should reproduce R's ?lm example (Dobson plant weights) to every printed digit", () => {
    // ctl <- c(4.17,5.58,5.18,6.11,4.50,4.61,5.17,4.53,5.33,5.14); trt <- c(4.81,4.17,4.41,3.59,5.87,3.83,6.03,4.89,4.32,4.69)
    // summary(lm(weight ~ group)):  (Intercept) 5.0320 0.2202 22.850 9.55e-15;  groupTrt -0.3710 0.3114 -1.191 0.249
    // Residual standard error: 0.6964 on 18 degrees of freedom; Multiple R-squared: 0.07308
    const weight = [4.17, 5.58, 5.18, 6.11, 4.5, 4.61, 5.17, 4.53, 5.33, 5.14, 4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69];
    const groupTrt = weight.map((_, i) => (i < 10 ? 0 : 1));
    const fit = ols(weight, [groupTrt], { intercept: true });
    expect(fit.coefficients.map((c) => c.toFixed(4))).toEqual(['5.0320', '-0.3710']);
    expect(fit.standardErrors.map((s) => s.toFixed(4))).toEqual(['0.2202', '0.3114']);
    expect(fit.tValues.map((t) => t.toFixed(3))).toEqual(['22.850', '-1.191']);
    expect(fit.pValues[0].toPrecision(3)).toBe('9.55e-15');
    expect(fit.pValues[1].toPrecision(3)).toBe('0.249');
    expect(fit.sigma.toFixed(4)).toBe('0.6964');
    expect(fit.df).toBe(18);
    expect(fit.rSquared.toPrecision(4)).toBe('0.07308');
  });

  it('should meet the NIST StRD Longley certified values (an ill-conditioned design) to 1e-9 relative', () => {
    // https://www.itl.nist.gov/div898/strd/lls/data/Longley.shtml — y = TOTEMP, x1..x6 = GNPDEFL, GNP, UNEMP, ARMED, POP, YEAR
    const y = [60323, 61122, 60171, 61187, 63221, 63639, 64989, 63761, 66019, 67857, 68169, 66513, 68655, 69564, 69331, 70551];
    const xs = [
      [83.0, 88.5, 88.2, 89.5, 96.2, 98.1, 99.0, 100.0, 101.2, 104.6, 108.4, 110.8, 112.6, 114.2, 115.7, 116.9],
      [234289, 259426, 258054, 284599, 328975, 346999, 365385, 363112, 397469, 419180, 442769, 444546, 482704, 502601, 518173, 554894],
      [2356, 2325, 3682, 3351, 2099, 1932, 1870, 3578, 2904, 2822, 2936, 4681, 3813, 3931, 4806, 4007],
      [1590, 1456, 1616, 1650, 3099, 3594, 3547, 3350, 3048, 2857, 2798, 2637, 2552, 2514, 2572, 2827],
      [107608, 108632, 109773, 110929, 112075, 113270, 115094, 116219, 117388, 118734, 120445, 121950, 123366, 125368, 127852, 130081],
      [1947, 1948, 1949, 1950, 1951, 1952, 1953, 1954, 1955, 1956, 1957, 1958, 1959, 1960, 1961, 1962],
    ];
    const certB = [-3482258.63459582, 15.0618722713733, -0.035819179292591, -2.02022980381683, -1.03322686717359, -0.0511041056535807, 1829.15146461355];
    const certSE = [890420.383607373, 84.9149257747669, 0.0334910077722432, 0.488399681651699, 0.214274163161675, 0.22607320006937, 455.478499142212];
    const fit = ols(y, xs, { intercept: true });
    fit.coefficients.forEach((b, j) => expect(rel(b, certB[j])).toBeLessThan(1e-9));
    fit.standardErrors.forEach((s, j) => expect(rel(s, certSE[j])).toBeLessThan(1e-9));
    expect(rel(fit.sigma, 304.854073561965)).toBeLessThan(1e-10);
    expect(rel(fit.rss, 836424.055505915)).toBeLessThan(1e-10);
    expect(rel(fit.rSquared, 0.995479004577296)).toBeLessThan(1e-12);
    expect(fit.df).toBe(9);
  });

  it('should recover the NIST Wampler1 exact fit (all coefficients 1, residual 0)', () => {
    const x = Array.from({ length: 21 }, (_, i) => i);
    const y = x.map((v) => 1 + v + v ** 2 + v ** 3 + v ** 4 + v ** 5);
    const fit = ols(y, [1, 2, 3, 4, 5].map((d) => x.map((v) => v ** d)), { intercept: true });
    fit.coefficients.forEach((b) => expect(Math.abs(b - 1)).toBeLessThan(1e-6));
    expect(fit.sigma / 1e6).toBeLessThan(1e-9); // y reaches 3.4e6
    expect(fit.rSquared).toBeCloseTo(1, 12);
  });

  it('should fit through the origin with an uncentred R² when intercept is false', () => {
    const fit = ols([2, 4.1, 5.9], [[1, 2, 3]], { intercept: false });
    // b = Σxy/Σx² = (2 + 8.2 + 17.7)/14
    expect(fit.coefficients[0]).toBeCloseTo(27.9 / 14, 14);
    expect(fit.p).toBe(1);
    expect(fit.df).toBe(2);
    const rss = fit.residuals.reduce((s, r) => s + r * r, 0);
    expect(fit.rss).toBeCloseTo(rss, 14);
    expect(fit.rSquared).toBeCloseTo(1 - rss / (4 + 4.1 ** 2 + 5.9 ** 2), 14);
  });

  it('should drop rows with a NaN anywhere, like na.omit', () => {
    const full = ols([1, 3, 2, 5, 4], [[1, 2, 3, 4, 5]], { intercept: true });
    const holed = ols([1, 3, NaN, 2, 5, 4, 7], [[1, 2, 9, 3, 4, 5, NaN]], { intercept: true });
    expect(holed.n).toBe(5);
    holed.coefficients.forEach((b, j) => expect(b).toBeCloseTo(full.coefficients[j], 13));
  });

  it('should give NaN standard errors but exact coefficients when n equals p', () => {
    const fit = ols([1, 3], [[0, 1]], { intercept: true });
    expect(fit.coefficients[0]).toBeCloseTo(1, 14);
    expect(fit.coefficients[1]).toBeCloseTo(2, 14);
    expect(fit.df).toBe(0);
    expect(fit.sigma).toBeNaN();
    expect(fit.standardErrors[1]).toBeNaN();
  });

  it('should refuse rank-deficient designs, too few rows and bad input with a QuantInputError', () => {
    expect(() => ols([1, 2, 3], [[5, 5, 5]], { intercept: true })).toThrow(/column 0 is a linear combination/);
    expect(() => ols([1, 2, 3, 4], [[1, 2, 3, 4], [2, 4, 6, 8]], { intercept: false })).toThrow(QuantInputError);
    expect(() => ols([1, 2], [[1, 2], [3, 1]], { intercept: true })).toThrow(/2 complete rows for 3 coefficients/);
    expect(() => ols([1, 2, 3], [[1, 2]], { intercept: true })).toThrow(/LENGTH|has 2 values/);
    expect(() => ols([1, 2, -Infinity], [[1, 2, 3]], { intercept: true })).toThrow(/y\[2\] is -Infinity/);
    expect(() => ols([1, 2, 3], [], { intercept: false })).toThrow(/intercept or at least one column/);
  });
});
