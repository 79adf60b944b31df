import { QuantInputError } from './errors';

/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate), exactly R's `p.adjust(p, "BH")`:
 * with the m non-missing p-values in decreasing order p(m) ≥ … ≥ p(1),
 *   adj(i) = min(1, min_{j ≥ i} (n / j) · p(j)),
 * returned in the input's order. NaN entries stay NaN and are not counted (R's NA handling); `n` defaults to the
 * number of non-NaN values and may be set larger (R's `n` argument) when some tests were not run. Rejecting
 * every hypothesis with adj ≤ q controls the FDR at q. Throws on a p-value outside [0, 1] or n < m.
 */
export function benjaminiHochberg(pValues: readonly number[], n?: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (Number.isNaN(p)) continue;
    if (!(p >= 0 && p <= 1)) throw new QuantInputError('BAD_P_VALUE', `p-value ${i} is ${p}; p-values lie in [0, 1]`);
    idx.push(i);
  }
  const m = idx.length;
  const total = n ?? m;
  if (!Number.isInteger(total) || total < m) {
    throw new QuantInputError('BAD_P_VALUE', `n must be a whole number ≥ the ${m} p-values given, got ${n}`);
  }
  // Stable sort, largest first (R's order(p, decreasing = TRUE)); ties end up equal after the running minimum.
  idx.sort((x, y) => pValues[y] - pValues[x] || x - y);
  const out = pValues.map(() => NaN);
  let running = Infinity;
  for (let r = 0; r < m; r++) {
    const i = idx[r];
    const rank = m - r;
    running = Math.min(running, (total / rank) * pValues[i]);
    out[i] = Math.min(1, running);
  }
  return out;
}
