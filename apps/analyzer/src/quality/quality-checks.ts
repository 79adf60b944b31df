import { robustZ } from '@polytrader/quant';
import { QualityInput, QualityIssue, Severity } from './quality.types';

type Check = (input: QualityInput) => QualityIssue[];

const issue = (input: QualityInput, marketId: string, kind: QualityIssue['kind'], severity: Severity, detail: string): QualityIssue =>
  ({ marketId, cycleId: input.cycleId, kind, severity, detail });

const fmt = (x: number) => String(Math.round(x * 1e6) / 1e6);

/** A probability outside [0, 1] is impossible: the record is wrong. */
export const priceOutOfRange: Check = (input) =>
  input.latest.flatMap((s) => {
    const bad = s.outcomePrices.map((p, i) => [i, p] as const).filter(([, p]) => p < 0 || p > 1);
    return bad.length ? [issue(input, s.marketId, 'price_out_of_range', 'error', `outcome prices outside [0,1]: ${bad.map(([i, p]) => `#${i}=${fmt(p)}`).join(', ')}`)] : [];
  });

/** The outcomes of one market should sum to about 1. */
export const outcomeSum: Check = (input) =>
  input.latest.flatMap((s) => {
    const sum = s.outcomePrices.reduce((a, b) => a + b, 0);
    const off = Math.abs(sum - 1);
    return off > input.settings.outcomeSumTolerance
      ? [issue(input, s.marketId, 'outcome_sum', 'warning', `outcome prices sum to ${fmt(sum)} (tolerance ±${input.settings.outcomeSumTolerance})`)]
      : [];
  });

/** A best bid above the best ask cannot be; a book with no orders at all gives no price. */
export const bookShape: Check = (input) =>
  input.books.flatMap((b) => {
    if (b.bestBid === null && b.bestAsk === null) return [issue(input, b.marketId, 'empty_book', 'warning', `token ${b.tokenId}: no bids and no asks`)];
    if (b.bestBid !== null && b.bestAsk !== null && b.bestBid > b.bestAsk) {
      return [issue(input, b.marketId, 'crossed_book', 'error', `token ${b.tokenId}: best bid ${fmt(b.bestBid)} > best ask ${fmt(b.bestAsk)}`)];
    }
    return [];
  });

/** Prices unchanged for N cycles in a row: the market is not moving or the feed is stuck. */
export const staleMarket: Check = (input) =>
  input.latest.flatMap((s) => {
    const n = input.settings.staleAfterCycles;
    const prior = (input.previous.get(s.marketId) ?? []).slice(-n);
    if (prior.length < n) return [];
    const same = prior.every((p) => sameList(p.outcomePrices, s.outcomePrices));
    return same ? [issue(input, s.marketId, 'stale_market', 'info', `prices unchanged for ${n + 1} cycles`)] : [];
  });

/** Consecutive snapshots further apart than 1.5 intervals: cycles are missing. */
export const historyGap: Check = (input) =>
  input.latest.flatMap((s) => {
    const prior = input.previous.get(s.marketId) ?? [];
    if (!prior.length) return [];
    const gapMs = Date.parse(s.ts) - Date.parse(prior[prior.length - 1].ts);
    const intervalMs = input.settings.intervalMinutes * 60_000;
    return gapMs > 1.5 * intervalMs
      ? [issue(input, s.marketId, 'history_gap', 'warning', `${Math.round(gapMs / 60_000)} min since the previous snapshot (interval ${input.settings.intervalMinutes} min)`)]
      : [];
  });

const MIN_SPIKE_SAMPLE = 8;

/** The latest move is an outlier against the market's own recent moves (robust z-score). */
export const spike: Check = (input) =>
  input.latest.flatMap((s) => {
    const series = [...(input.previous.get(s.marketId) ?? []), s].map((p) => p.outcomePrices[0]);
    if (series.length < MIN_SPIKE_SAMPLE + 1) return [];
    const moves = series.slice(1).map((p, i) => p - series[i]);
    const last = moves[moves.length - 1];
    const z = robustZ(last, moves.slice(0, -1));
    return Math.abs(z) > input.settings.spikeZ
      ? [issue(input, s.marketId, 'spike', 'warning', `price moved ${fmt(last)} (robust z ${Number.isFinite(z) ? z.toFixed(1) : z > 0 ? '+inf' : '-inf'})`)]
      : [];
  });

/** Two market ids for one condition, or one token in two markets: the same market listed twice. */
export const duplicates: Check = (input) => {
  const out: QualityIssue[] = [];
  const byCondition = new Map<string, string>();
  const byToken = new Map<string, string>();
  for (const m of input.markets) {
    const other = byCondition.get(m.conditionId);
    if (other && other !== m.id) out.push(issue(input, m.id, 'duplicate', 'warning', `same condition ${m.conditionId} as market ${other}`));
    else byCondition.set(m.conditionId, m.id);
    for (const t of m.tokenIds) {
      const owner = byToken.get(t);
      if (owner && owner !== m.id && owner !== other) out.push(issue(input, m.id, 'duplicate', 'warning', `token ${t} also in market ${owner}`));
      else byToken.set(t, m.id);
    }
  }
  return out;
};

export const QUALITY_CHECKS: readonly Check[] = [priceOutOfRange, outcomeSum, bookShape, staleMarket, historyGap, spike, duplicates];

/** Every check over one cycle. Pure: the analyzer stores and publishes what comes back. */
export function runQualityChecks(input: QualityInput): QualityIssue[] {
  return QUALITY_CHECKS.flatMap((check) => check(input));
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
