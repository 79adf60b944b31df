/**
 * The hype score of one market over one interval — documented with its reasoning in docs/hype.md.
 *
 *   x_t  = ln(1 + m_t)                         m_t = mentions in interval t (posts + news articles)
 *   μ, s = mean and sample standard deviation of x over the trailing baseline (the previous N intervals present)
 *   d    = √(s² + s₀²)                         s₀ = 0.25: a floor, so that a flat baseline does not make noise look huge
 *   z_t  = (x_t − μ) / d                       0 while the baseline has fewer than 4 points
 *   v_t  = x_t − x_{t−1}                       velocity: log growth per interval; 0 without the previous interval
 *   A_t  = 0.7·clip(z_t) + 0.3·clip(v_t / d)   attention in baseline standard deviations (clip to ±10)
 *   H_t  = A_t · (1 + 0.5·S_t)                 S_t = mean VADER compound of the interval's texts, in [−1, 1]
 *
 * H is 0 for a market talked about as usual, ≈ 2–3 for an unusual burst, and at most 15 in size.
 * It rises with mentions at a fixed baseline (z and v both do; the sentiment factor is in [0.5, 1.5]);
 * sentiment tilts the size by up to ±50 % but never flips the sign.
 */
export const HYPE_PARAMS = Object.freeze({
  /** weight of the level (z) in the attention */
  zWeight: 0.7,
  /** weight of the velocity (in baseline standard deviations) */
  velocityWeight: 0.3,
  /** how much the mean sentiment tilts the attention: factor 1 + tilt·S */
  sentimentTilt: 0.5,
  /** floor of the baseline spread on the log scale */
  spreadFloor: 0.25,
  /** z and scaled velocity are clipped to ±clip */
  clip: 10,
  /** baseline points needed before z is computed */
  minBaseline: 4,
});

export interface HypeInput {
  /** mentions in the interval; negative or non-finite counts as 0 */
  readonly mentions: number;
  /** mentions of the trailing baseline intervals that have data (non-finite entries are ignored) */
  readonly baseline: readonly number[];
  /** mentions of the interval just before; null when unknown */
  readonly previous: number | null;
  /** mean VADER compound of the interval's texts; clamped to [-1, 1], non-finite counts as 0 */
  readonly sentiment: number;
}

export interface HypeComponents {
  readonly mentions: number;
  readonly mentionsZ: number;
  readonly velocity: number;
  readonly sentiment: number;
  readonly hypeScore: number;
}

const clip = (v: number, c: number) => (v > c ? c : v < -c ? -c : v);
const count = (m: number) => (Number.isFinite(m) && m > 0 ? m : 0);

/** Hype components of one interval. Pure; every output is finite for any input. */
export function hypeScore(input: HypeInput): HypeComponents {
  const p = HYPE_PARAMS;
  const mentions = count(input.mentions);
  const x = Math.log1p(mentions);
  const logs: number[] = [];
  for (const b of input.baseline) if (Number.isFinite(b)) logs.push(Math.log1p(count(b)));
  const n = logs.length;
  let mean = 0;
  for (const l of logs) mean += l;
  mean = n > 0 ? mean / n : 0;
  let ss = 0;
  for (const l of logs) ss += (l - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const spread = Math.sqrt(sd * sd + p.spreadFloor * p.spreadFloor);
  const z = n >= p.minBaseline ? clip((x - mean) / spread, p.clip) : 0;
  const prev = input.previous;
  const velocity = prev !== null && Number.isFinite(prev) ? x - Math.log1p(count(prev)) : 0;
  const raw = Number.isFinite(input.sentiment) ? input.sentiment : 0;
  const sentiment = raw > 1 ? 1 : raw < -1 ? -1 : raw;
  const attention = p.zWeight * z + p.velocityWeight * clip(velocity / spread, p.clip);
  const hype = attention * (1 + p.sentimentTilt * sentiment);
  // normalise -0 so stored/published values read as 0
  return { mentions, mentionsZ: z + 0, velocity: velocity + 0, sentiment: sentiment + 0, hypeScore: hype + 0 };
}

export interface IntervalInput {
  readonly mentions: number;
  readonly sentiment: number;
}

/**
 * Scores the intervals `indexes` (ascending grid indexes) of one market. `known` holds the mentions
 * of earlier intervals (the stored series); each scored interval joins the series before the next is
 * scored, so a backfill of many intervals gives each one its own trailing baseline of `baselineIntervals`.
 */
export function scoreIntervals(
  known: ReadonlyMap<number, number>, inputs: ReadonlyMap<number, IntervalInput>, baselineIntervals: number,
): Map<number, HypeComponents> {
  const series = new Map(known);
  const out = new Map<number, HypeComponents>();
  const indexes = [...inputs.keys()].sort((a, b) => a - b);
  const n = Math.max(1, Math.floor(baselineIntervals));
  for (const k of indexes) {
    const input = inputs.get(k)!;
    const baseline: number[] = [];
    for (let j = k - n; j < k; j++) {
      const v = series.get(j);
      if (v !== undefined) baseline.push(v);
    }
    const scored = hypeScore({ mentions: input.mentions, baseline, previous: series.get(k - 1) ?? null, sentiment: input.sentiment });
    out.set(k, scored);
    series.set(k, scored.mentions);
  }
  return out;
}
