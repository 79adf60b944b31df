import type { BookTop, PriceLevel } from '../book/walk-book';
import { CalendarEvent, CalendarMarket, entryBlocker } from './calendar';
import { GridPoint, latestRelativeVolume, rateOfChange, windowChange } from './indicators';

/**
 * The signal rules (docs/signals.md): one market in, zero or one proposal out. Pure — the signals
 * service, backtests and the bench call the same function.
 */

export type SignalStrength = 'WEAK' | 'MODERATE' | 'STRONG';
export type SignalSide = 'BUY' | 'SELL';

export interface SignalRuleSettings {
  readonly rocWindow: number;
  readonly hypeRocThreshold: number;
  readonly strongRocMultiple: number;
  readonly rvrThreshold: number;
  readonly maxPriceRoc: number;
  readonly maxPValue: number;
  /** |pearson| below this: no direction, no signal */
  readonly minAbsPearson: number;
  readonly maxAnalysisAgeMs: number;
  readonly cooldownMs: number;
  readonly noEntryWindowMs: number;
  /** grid interval (data_collection.interval_minutes) */
  readonly intervalMinutes: number;
}

/** The market's latest hype → price analysis. */
export interface AnalysisSummary {
  readonly atMs: number;
  /** smallest BH-adjusted p, hype → price */
  readonly pAdj: number;
  readonly lag: number;
  /** hype at t vs the price change at t+1: its sign says which way hype pushes the Yes price */
  readonly pearson: number;
}

export interface HeldOutcome {
  readonly tokenId: string;
  /** shares */
  readonly size: number;
}

export interface SignalMarket extends CalendarMarket {
  readonly outcomes: readonly string[];
  readonly tokenIds: readonly string[];
}

export interface MarketSignalInput {
  readonly market: SignalMarket;
  /** Yes price per grid interval, ascending */
  readonly yesPrices: readonly GridPoint[];
  /** Gamma's rolling 24 h volume per grid interval (snapshots), ascending */
  readonly volume24h: readonly GridPoint[];
  /** hype score per grid interval, ascending */
  readonly hype: readonly GridPoint[];
  readonly analysis: AnalysisSummary | null;
  /** order book per token id */
  readonly books: ReadonlyMap<string, BookTop>;
  /** time of the last published signal on this market */
  readonly lastSignalMs: number | null;
  /** open positions in this market */
  readonly held: readonly HeldOutcome[];
  /** config calendar events (the resolution date comes with the market) */
  readonly events: readonly CalendarEvent[];
}

export interface SignalProposal {
  readonly marketId: string;
  readonly outcomeIndex: number;
  readonly outcome: string;
  readonly tokenId: string;
  readonly side: SignalSide;
  /** best ask (BUY) or best bid (SELL) of the outcome */
  readonly price: number;
  readonly strength: SignalStrength;
  readonly confidence: number;
  readonly reasons: readonly string[];
  /** the book side the order would take (asks for BUY, bids for SELL), best first */
  readonly levels: readonly PriceLevel[];
  /** SELL: the shares held, which the exit sells */
  readonly exitSize: number | null;
  readonly numbers: { readonly hypeRoc: number; readonly hypeScore: number; readonly priceRoc: number | null; readonly rvr: number | null };
}

export type SkipStage = 'eligibility' | 'cooldown' | 'data' | 'rule' | 'calendar' | 'book';
export type SignalDecision = { readonly kind: 'signal'; readonly proposal: SignalProposal } | { readonly kind: 'skip'; readonly stage: SkipStage; readonly reason: string };

/** Newest hype or price point older than this many intervals → the data is stale. */
export const MAX_DATA_AGE_INTERVALS = 2;
const DAY_MINUTES = 1440;

const skip = (stage: SkipStage, reason: string): SignalDecision => ({ kind: 'skip', stage, reason });
const signed = (v: number, digits = 2) => `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;
const clamp01 = (v: number) => (v > 1 ? 1 : v > 0 ? v : 0);

/** Whether the latest analysis makes the market eligible; the reason when not. */
export function eligibility(analysis: AnalysisSummary | null, s: SignalRuleSettings, nowMs: number): string | null {
  if (!analysis) return 'no analysis yet';
  if (!(nowMs - analysis.atMs <= s.maxAnalysisAgeMs)) return `analysis is ${((nowMs - analysis.atMs) / 3_600_000).toFixed(1)} h old (max ${(s.maxAnalysisAgeMs / 3_600_000).toFixed(1)} h)`;
  if (!(analysis.pAdj < s.maxPValue)) return `hype does not lead price: granger p_adj=${fmtP(analysis.pAdj)} ≥ ${s.maxPValue}`;
  if (!(Math.abs(analysis.pearson) >= s.minAbsPearson && analysis.pearson !== 0)) return `no direction: |pearson|=${Math.abs(analysis.pearson).toFixed(3)} < ${s.minAbsPearson}`;
  return null;
}

/** Evaluates one market's rules at `nowMs`. */
export function evaluateMarket(input: MarketSignalInput, s: SignalRuleSettings, nowMs: number): SignalDecision {
  const { market, analysis } = input;
  if (market.outcomes.length !== 2 || market.tokenIds.length !== 2) return skip('eligibility', `not a binary market (${market.outcomes.length} outcomes)`);
  const notEligible = eligibility(analysis, s, nowMs);
  if (notEligible || !analysis) return skip('eligibility', notEligible ?? 'no analysis yet');
  if (input.lastSignalMs !== null && s.cooldownMs > 0 && nowMs - input.lastSignalMs < s.cooldownMs) {
    return skip('cooldown', `last signal ${Math.round((nowMs - input.lastSignalMs) / 60_000)} min ago (cooldown ${Math.round(s.cooldownMs / 60_000)} min)`);
  }
  const intervalMs = s.intervalMinutes * 60_000;
  const kNow = Math.floor(nowMs / intervalMs);
  const hype = windowChange(input.hype, s.rocWindow);
  if (!hype) return skip('data', `not enough hype data for a ${s.rocWindow}-interval change`);
  if (kNow - hype.k > MAX_DATA_AGE_INTERVALS) return skip('data', `hype data is ${kNow - hype.k} intervals old`);
  const hypeRoc = hype.now - hype.then;
  if (!(Math.abs(hypeRoc) >= s.hypeRocThreshold)) return skip('rule', `hype_roc=${signed(hypeRoc)} over ${hype.span} intervals, |.| < ${s.hypeRocThreshold}`);

  // Yes is expected to move with sign(hype change) × sign(pearson); the outcome expected to rise is bought.
  const up = Math.sign(hypeRoc) * Math.sign(analysis.pearson) > 0;
  const target = up ? 0 : 1;
  const rvr = latestRelativeVolume(input.volume24h, DAY_MINUTES / s.intervalMinutes, s.rocWindow);
  const volumeOk = rvr !== null && rvr >= s.rvrThreshold;
  const strong = volumeOk && Math.abs(hypeRoc) >= s.strongRocMultiple * s.hypeRocThreshold;
  const strength: SignalStrength = strong ? 'STRONG' : volumeOk ? 'MODERATE' : 'WEAK';
  const significance = 1 - analysis.pAdj / s.maxPValue;
  const hypeTerm = clamp01(Math.abs(hypeRoc) / (s.strongRocMultiple * s.hypeRocThreshold));
  const volumeTerm = rvr === null ? 0 : clamp01(rvr / (2 * s.rvrThreshold));
  const confidence = clamp01(significance * (0.6 * hypeTerm + 0.4 * volumeTerm));
  const reasons = [
    `granger p_adj=${fmtP(analysis.pAdj)} < ${s.maxPValue} lag ${analysis.lag} (pearson ${signed(analysis.pearson)})`,
    `hype_roc=${signed(hypeRoc)} over ${hype.span} intervals, |.| ≥ ${s.hypeRocThreshold} (hype=${signed(hype.now)})`,
    rvr === null ? `rvr=n/a < ${s.rvrThreshold} (no volume confirmation)` : `rvr=${rvr.toFixed(2)} ${volumeOk ? '≥' : '<'} ${s.rvrThreshold}`,
  ];
  if (strong) reasons.push(`|hype_roc| ≥ ${s.strongRocMultiple} × ${s.hypeRocThreshold}`);
  const numbers = { hypeRoc, hypeScore: hype.now, rvr };
  const base = { marketId: market.id, strength, confidence };

  // Holding the outcome now expected to fall: exit it (allowed near resolution too).
  const against = input.held.find((h) => h.tokenId === market.tokenIds[1 - target] && h.size > 0);
  if (against) {
    const book = input.books.get(against.tokenId);
    const bid = book?.bestBid ?? null;
    if (bid === null || !(bid > 0 && bid < 1)) return skip('book', `no bid to exit ${market.outcomes[1 - target]}`);
    return {
      kind: 'signal',
      proposal: {
        ...base, outcomeIndex: 1 - target, outcome: market.outcomes[1 - target], tokenId: against.tokenId, side: 'SELL', price: bid,
        reasons: [...reasons, `exit: holding ${market.outcomes[1 - target]}, hype now points to ${market.outcomes[target]}`],
        levels: book?.bids ?? [], exitSize: against.size, numbers: { ...numbers, priceRoc: null },
      },
    };
  }

  const blocker = entryBlocker(market, input.events, nowMs, s.noEntryWindowMs);
  if (blocker) {
    const h = ((blocker.atMs - nowMs) / 3_600_000).toFixed(1);
    return skip('calendar', `no entry: ${blocker.kind === 'resolution' ? 'resolution' : `event "${blocker.name}"`} in ${h} h (window ${s.noEntryWindowMs / 3_600_000} h)`);
  }
  const outcomePrices = target === 0 ? input.yesPrices : input.yesPrices.map((p) => ({ k: p.k, value: 1 - p.value }));
  const price = windowChange(outcomePrices, s.rocWindow);
  if (!price) return skip('data', `not enough price data for a ${s.rocWindow}-interval change`);
  if (kNow - price.k > MAX_DATA_AGE_INTERVALS) return skip('data', `price data is ${kNow - price.k} intervals old`);
  const priceRoc = rateOfChange(price.then, price.now);
  if (priceRoc === null) return skip('data', `price_roc undefined (price ${price.then} ${price.span} intervals ago)`);
  if (priceRoc >= s.maxPriceRoc) {
    return skip('rule', `price already moved: ${market.outcomes[target]} price_roc=${signed(priceRoc, 3)} over ${price.span} intervals ≥ ${s.maxPriceRoc}`);
  }
  const tokenId = market.tokenIds[target];
  const book = input.books.get(tokenId);
  const ask = book?.bestAsk ?? null;
  if (ask === null || !(ask > 0 && ask < 1)) return skip('book', `no ask for ${market.outcomes[target]}`);
  return {
    kind: 'signal',
    proposal: {
      ...base, outcomeIndex: target, outcome: market.outcomes[target], tokenId, side: 'BUY', price: ask,
      reasons: [...reasons, `price_roc=${signed(priceRoc, 3)} over ${price.span} intervals < ${s.maxPriceRoc} (not yet moved)`],
      levels: book?.asks ?? [], exitSize: null, numbers: { ...numbers, priceRoc },
    },
  };
}

function fmtP(p: number): string {
  return p >= 0.001 || p === 0 ? p.toFixed(3) : p.toExponential(1);
}
