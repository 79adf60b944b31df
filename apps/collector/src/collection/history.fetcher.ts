import type { PricePointRecord } from '@polytrader/persistence';
import { ApiClient, mapLimit, ErrorTally } from '@polytrader/platform';
import type { Logger } from 'pino';
import { parsePriceHistory } from '../clob/price-history.parser';

export interface HistoryRequest {
  readonly marketId: string;
  readonly tokenId: string;
}

export interface HistoryOptions {
  readonly days: number;
  readonly fidelityMinutes: number;
  readonly concurrency: number;
  readonly nowMs: number;
}

/** Recent price history (CLOB GET /prices-history) for tokens seen the first time. */
export async function fetchHistory(
  clob: ApiClient, requests: readonly HistoryRequest[], options: HistoryOptions, signal: AbortSignal, tally: ErrorTally, logger: Logger,
): Promise<{ points: PricePointRecord[]; rejected: number }> {
  const endTs = Math.floor(options.nowMs / 1000);
  const startTs = endTs - Math.round(options.days * 86_400);
  const points: PricePointRecord[] = [];
  let rejected = 0;
  const results = await mapLimit(requests, options.concurrency, (req) =>
    clob.getJson('/prices-history', { market: req.tokenId, startTs, endTs, fidelity: options.fidelityMinutes }, signal), signal);
  signal.throwIfAborted();
  results.forEach((r, i) => {
    const { marketId, tokenId } = requests[i];
    if (r.status === 'rejected') return tally.add('clob', r.reason);
    const parsed = parsePriceHistory(r.value.data);
    if ('error' in parsed) {
      tally.add('clob', new Error(parsed.error));
      return;
    }
    rejected += parsed.rejected.length;
    for (const reason of parsed.rejected) logger.warn({ metrics: { tokenId } }, `price point rejected: ${reason}`);
    for (const p of parsed.points) points.push({ marketId, tokenId, t: p.t, price: p.price });
  });
  return { points, rejected };
}
