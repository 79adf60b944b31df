import { QueryError, intParam } from '../http/query';
import { midNum, quote } from '../quote';
import { SimMarket, World } from '../world';

const INTERVAL_SECONDS: Record<string, number> = { '1h': 3600, '6h': 21_600, '1d': 86_400, '1w': 604_800, '1m': 2_592_000 };

export interface HistoryPoint {
  t: number;
  p?: number;
}

/**
 * GET /prices-history points: the grid points t_k = anchor + k·interval (15 min by default) (k from the first
 * history point to now) inside [startTs, endTs] — or the last `interval` (1h, 6h, 1d, 1w, 1m,
 * max/all; max is the default) when no range is given — thinned to `fidelity` minutes by keeping
 * the first point of each fidelity bucket (t / (fidelity·60), floored). p is the token's mid.
 */
export function priceHistory(world: World, m: SimMarket, outcome: 0 | 1, q: URLSearchParams, nowMs: number): HistoryPoint[] {
  const fidelity = intParam(q, 'fidelity', 15, 1);
  const nowS = Math.floor(nowMs / 1000);
  let startS: number;
  let endS: number;
  if (q.has('startTs') || q.has('endTs')) {
    endS = intParam(q, 'endTs', nowS);
    startS = intParam(q, 'startTs', 0);
  } else {
    const interval = q.get('interval') ?? 'max';
    endS = nowS;
    if (interval === 'max' || interval === 'all') startS = 0;
    else if (INTERVAL_SECONDS[interval]) startS = nowS - INTERVAL_SECONDS[interval];
    else throw new QueryError('interval', interval, `interval: must be one of 1h, 6h, 1d, 1w, 1m, max; got "${interval}"`);
  }
  const clock = world.clock;
  const series = world.series(m);
  const first = Math.max(series.priceStart, Math.ceil((startS * 1000 - clock.anchorMs) / clock.intervalMs));
  const last = Math.min(clock.current(), Math.floor((endS * 1000 - clock.anchorMs) / clock.intervalMs));
  const out: HistoryPoint[] = [];
  let lastBucket = NaN;
  for (let k = first; k <= last; k++) {
    const t = Math.floor(clock.startOf(k) / 1000);
    const bucket = Math.floor(t / (fidelity * 60));
    if (fidelity * 60_000 > clock.intervalMs && bucket === lastBucket) continue;
    lastBucket = bucket;
    out.push({ t, p: midNum(quote(world, m, k, outcome)) });
  }
  return out;
}
