/**
 * Householder QR least squares on a column-major design held in a Float64Array — the one kernel behind
 * `ols` and `grangerTest`. Works in place, allocates nothing: callers own (and may reuse) the buffers.
 *
 * Layout: column j of the m×p design occupies a[j·m .. j·m + m). After `householderQr`:
 *  - R's diagonal is in rDiag[0..p), its strictly upper part in a[c·m + j] for j < c;
 *  - y holds Qᵀy: y[0..p) are the coefficients' right-hand side, and y[p..m) are the residuals rotated,
 *    so RSS = Σ y[p..m)² — computed from orthogonal rotations, never from normal equations.
 */

/**
 * A column whose norm after removing the earlier columns is ≤ this × its original norm counts as a linear
 * combination of them — the same relative tolerance (1e-7) R's `lm()` passes to its QR (dqrdc2).
 */
export const RANK_TOLERANCE = 1e-7;

/**
 * Factorizes the m×p design in `a` and rotates `y` alongside. Returns -1 when the design has full column rank,
 * otherwise the index of the first column that is (numerically) a linear combination of the columns before it;
 * the buffers are then left part-way through and must not be used.
 */
export function householderQr(a: Float64Array, y: Float64Array, m: number, p: number, rDiag: Float64Array, colNorm: Float64Array): number {
  for (let j = 0; j < p; j++) {
    const cj = j * m;
    let s = 0;
    for (let i = 0; i < m; i++) s += a[cj + i] * a[cj + i];
    colNorm[j] = Math.sqrt(s);
  }
  for (let j = 0; j < p; j++) {
    const cj = j * m;
    let norm2 = 0;
    for (let i = j; i < m; i++) norm2 += a[cj + i] * a[cj + i];
    const norm = Math.sqrt(norm2);
    if (!(norm > RANK_TOLERANCE * colNorm[j])) return j;
    const ajj = a[cj + j];
    const alpha = ajj > 0 ? -norm : norm;
    // Reflector v = x − alpha·e1, stored over the column; vᵀv = 2·norm·(norm + |ajj|).
    a[cj + j] = ajj - alpha;
    const beta = 1 / (norm * (norm + Math.abs(ajj)));
    for (let c = j + 1; c < p; c++) {
      const cc = c * m;
      let d = 0;
      for (let i = j; i < m; i++) d += a[cj + i] * a[cc + i];
      d *= beta;
      for (let i = j; i < m; i++) a[cc + i] -= d * a[cj + i];
    }
    let d = 0;
    for (let i = j; i < m; i++) d += a[cj + i] * y[i];
    d *= beta;
    for (let i = j; i < m; i++) y[i] -= d * a[cj + i];
    rDiag[j] = alpha;
  }
  return -1;
}

/** Solves R·b = z (z = y[0..p) after `householderQr`) into `out`. */
export function backSubstitute(a: Float64Array, rDiag: Float64Array, y: Float64Array, m: number, p: number, out: Float64Array): void {
  for (let j = p - 1; j >= 0; j--) {
    let s = y[j];
    for (let c = j + 1; c < p; c++) s -= a[c * m + j] * out[c];
    out[j] = s / rDiag[j];
  }
}

/** Σ y[from..m)²: the residual sum of squares after `householderQr` when from = p. */
export function sumSquares(y: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += y[i] * y[i];
  return s;
}

/**
 * Diagonal of (XᵀX)⁻¹ = R⁻¹R⁻ᵀ after `householderQr`: row j's sum of squares of R⁻¹.
 * Allocates a p×p scratch (p is small); used for standard errors only.
 */
export function unscaledVarianceDiagonal(a: Float64Array, rDiag: Float64Array, m: number, p: number): Float64Array {
  const inv = new Float64Array(p * p); // row-major R⁻¹ (upper triangular)
  for (let c = 0; c < p; c++) {
    // Column c of R⁻¹: solve R·x = e_c.
    for (let j = c; j >= 0; j--) {
      let s = j === c ? 1 : 0;
      for (let k = j + 1; k <= c; k++) s -= a[k * m + j] * inv[k * p + c];
      inv[j * p + c] = s / rDiag[j];
    }
  }
  const diag = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let c = j; c < p; c++) s += inv[j * p + c] * inv[j * p + c];
    diag[j] = s;
  }
  return diag;
}
