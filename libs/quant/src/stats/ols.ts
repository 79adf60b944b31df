import { studentTTwoSided } from './distributions';
import { QuantInputError } from './errors';
import { backSubstitute, householderQr, sumSquares, unscaledVarianceDiagonal } from './householder';
import { Series, assertNoInfinity, assertSameLength } from './series-input';

export interface OlsOptions {
  /** Prepend a column of ones (R's default `y ~ x`); false fits through the origin (R's `y ~ 0 + x`). */
  readonly intercept: boolean;
}

export interface OlsResult {
  /** Intercept first when `intercept` is true, then one per column, in the order given. */
  readonly coefficients: number[];
  readonly standardErrors: number[];
  readonly tValues: number[];
  /** Two-sided, on `df` degrees of freedom (R's `Pr(>|t|)`). */
  readonly pValues: number[];
  /** y − ŷ for the rows used, in their original order. */
  readonly residuals: number[];
  /** Residual sum of squares. */
  readonly rss: number;
  /** Residual degrees of freedom, n − p. */
  readonly df: number;
  /** Rows used: those with no NaN in y or any column. */
  readonly n: number;
  /** Number of coefficients, intercept included. */
  readonly p: number;
  /** √(rss / df): R's "Residual standard error"; NaN when df = 0. */
  readonly sigma: number;
  /** 1 − rss/TSS with TSS centred when there is an intercept, uncentred otherwise (R's convention). */
  readonly rSquared: number;
}

/**
 * Ordinary least squares of y on the given regressor columns, by Householder QR (no normal equations, so
 * ill-conditioned designs such as NIST's Longley keep ~10 significant digits). Rows with a NaN anywhere are
 * dropped (R's na.omit). Throws QuantInputError on mismatched lengths, ±Infinity, fewer rows than
 * coefficients, or a design that is not of full column rank (R would report NA coefficients instead).
 */
export function ols(y: Series, columns: readonly Series[], options: OlsOptions): OlsResult {
  const names = columns.map((_, j) => `column ${j}`);
  for (let j = 0; j < columns.length; j++) assertSameLength(columns[j], y, names[j], 'y');
  assertNoInfinity(y, 'y');
  columns.forEach((c, j) => assertNoInfinity(c, names[j]));
  const p = columns.length + (options.intercept ? 1 : 0);
  if (p === 0) throw new QuantInputError('TOO_FEW_OBSERVATIONS', 'a model needs an intercept or at least one column');

  const rows: number[] = [];
  for (let i = 0; i < y.length; i++) {
    if (Number.isNaN(y[i])) continue;
    if (columns.some((c) => Number.isNaN(c[i]))) continue;
    rows.push(i);
  }
  const m = rows.length;
  if (m < p) throw new QuantInputError('TOO_FEW_OBSERVATIONS', `${m} complete rows for ${p} coefficients`);

  const off = options.intercept ? 1 : 0;
  const a = new Float64Array(m * p);
  const z = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const i = rows[r];
    z[r] = y[i];
    if (options.intercept) a[r] = 1;
    for (let j = 0; j < columns.length; j++) a[(j + off) * m + r] = columns[j][i];
  }
  const rDiag = new Float64Array(p);
  const bad = householderQr(a, z, m, p, rDiag, new Float64Array(p));
  if (bad >= 0) {
    const what = options.intercept && bad === 0 ? 'the intercept' : names[bad - off];
    throw new QuantInputError('RANK_DEFICIENT', `${what} is a linear combination of the columns before it (constant or collinear regressors)`);
  }
  const b = new Float64Array(p);
  backSubstitute(a, rDiag, z, m, p, b);
  const rss = sumSquares(z, p, m);
  const df = m - p;
  const sigma = df > 0 ? Math.sqrt(rss / df) : NaN;
  const unscaled = unscaledVarianceDiagonal(a, rDiag, m, p);
  const coefficients = Array.from(b);
  const standardErrors = coefficients.map((_, j) => sigma * Math.sqrt(unscaled[j]));
  const tValues = coefficients.map((c, j) => c / standardErrors[j]);
  const pValues = tValues.map((t) => studentTTwoSided(t, df));

  const residuals: number[] = new Array(m);
  let ySum = 0;
  for (let r = 0; r < m; r++) ySum += y[rows[r]];
  const yMean = options.intercept ? ySum / m : 0;
  let tss = 0;
  for (let r = 0; r < m; r++) {
    const i = rows[r];
    let fit = options.intercept ? coefficients[0] : 0;
    for (let j = 0; j < columns.length; j++) fit += coefficients[j + off] * columns[j][i];
    residuals[r] = y[i] - fit;
    tss += (y[i] - yMean) ** 2;
  }
  return {
    coefficients,
    standardErrors,
    tValues,
    pValues,
    residuals,
    rss,
    df,
    n: m,
    p,
    sigma,
    rSquared: tss > 0 ? 1 - rss / tss : NaN,
  };
}
