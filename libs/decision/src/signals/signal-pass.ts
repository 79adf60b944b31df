import type { SignalGeneratedEvent } from '@polytrader/contracts';
import type { SignalRecord, SignalStatus } from '@polytrader/persistence';
import {
  AnalysisSummary, PortfolioSizer, SignalProposal, SignalRuleSettings, SizingSettings, SkipStage, bidSharesWithin, evaluateMarket,
} from '@polytrader/quant';
import { randomUUID } from 'node:crypto';
import type { PassInputs } from './signal-inputs';

export interface SignalDecisionOptions {
  readonly rules: SignalRuleSettings;
  readonly sizing: SizingSettings;
  /** the `source` of the signal.generated events */
  readonly source: string;
  /** ids of the events (default random UUIDs; a backtest passes a deterministic sequence) */
  readonly newId?: () => string;
}

/** One proposal of a pass, sized, as the event it would publish. */
export interface DecidedSignal {
  readonly event: SignalGeneratedEvent;
  readonly sector: string;
  /** USDC the size puts at risk */
  readonly stake: number;
  /** why it is sized to nothing (null when it has a size) */
  readonly note: string | null;
}

/** What one pass decides from its inputs, before anything is published or journaled. */
export interface SignalDecisions {
  /** markets skipped, by the stage that skipped them (eligibility counts the ineligible markets) */
  readonly skipped: Readonly<Partial<Record<SkipStage, number>>>;
  /** every proposal, best first (confidence, then strength, then market id), sized; size 0 = suppressed */
  readonly signals: readonly DecidedSignal[];
}

const STRENGTH_ORDER = { STRONG: 3, MODERATE: 2, WEAK: 1 } as const;

/**
 * The decision of one signal pass (docs/signals.md), synchronous and without I/O: the rules per eligible
 * market at `nowMs`, the proposals best first, each sized against the exposure the earlier ones took. The
 * events carry `nowMs` as their time. The service publishes and journals what this returns; a backtest
 * calls the same function on the inputs observed by its replayed time.
 */
export function decideSignals(inputs: PassInputs, o: SignalDecisionOptions, nowMs: number): SignalDecisions {
  const skipped: Partial<Record<SkipStage, number>> = { eligibility: inputs.ineligible.size };
  const proposals: SignalProposal[] = [];
  for (const input of inputs.candidates) {
    const d = evaluateMarket(input, o.rules, nowMs);
    if (d.kind === 'signal') proposals.push(d.proposal);
    else skipped[d.stage] = (skipped[d.stage] ?? 0) + 1;
  }
  proposals.sort((a, b) => b.confidence - a.confidence || STRENGTH_ORDER[b.strength] - STRENGTH_ORDER[a.strength] || a.marketId.localeCompare(b.marketId));

  const analysisOf = new Map(inputs.candidates.map((c) => [c.market.id, c.analysis]));
  const sizer = PortfolioSizer.create(o.sizing, inputs.equity, inputs.held);
  const ts = new Date(nowMs).toISOString();
  const newId = o.newId ?? randomUUID;
  const signals = proposals.map((p): DecidedSignal => {
    const sector = inputs.sectors.get(p.marketId) ?? 'other';
    const size = sizeProposal(sizer, p, sector, inputs.equity, o.sizing);
    const event: SignalGeneratedEvent = {
      v: 1, id: newId(), ts, source: o.source, marketId: p.marketId, outcome: p.outcome, tokenId: p.tokenId, side: p.side, price: p.price,
      strength: p.strength, confidence: p.confidence, size: size.shares, reasons: [...p.reasons, size.reason], stake: size.stake, sector,
      ...analysisFields(analysisOf.get(p.marketId) ?? null),
    };
    return { event, sector, stake: size.stake, note: size.shares > 0 ? null : size.reason };
  });
  return { skipped, signals };
}

/** The analysis a signal relied on, as the event's flat fields (absent when there was none, e.g. an exit without one). */
function analysisFields(a: AnalysisSummary | null): Pick<SignalGeneratedEvent, 'analysisAt' | 'analysisP' | 'analysisLag'> {
  if (!a || !Number.isFinite(a.atMs)) return {};
  return {
    analysisAt: new Date(a.atMs).toISOString(), ...(Number.isFinite(a.pAdj) ? { analysisP: a.pAdj } : {}), ...(Number.isFinite(a.lag) ? { analysisLag: a.lag } : {}),
  };
}

/** BUY: the portfolio sizer. SELL (an exit): the shares held, as far as the bids within the slippage take them. */
function sizeProposal(sizer: PortfolioSizer, p: SignalProposal, sector: string, equity: number, sizing: SizingSettings): { shares: number; stake: number; reason: string } {
  if (p.side === 'SELL') {
    const limit = p.price * (1 - sizing.maxSlippagePct / 100);
    const shares = Math.min(p.exitSize ?? 0, bidSharesWithin(p.levels, limit));
    return { shares, stake: shares * p.price, reason: shares > 0 ? `size ${shares.toFixed(2)} of ${(p.exitSize ?? 0).toFixed(2)} shares held (exit)` : 'size 0: no bids within the slippage limit' };
  }
  const s = sizer.size({ marketId: p.marketId, sector, price: p.price, confidence: p.confidence, asks: p.levels });
  const kelly = `kelly ${(s.kellyFraction * 100).toFixed(2)} % of ${equity.toFixed(0)} USDC at p=${s.prob.toFixed(3)}`;
  if (!(s.shares > 0)) return { shares: 0, stake: 0, reason: `size 0: ${s.limitedBy === 'kelly' ? 'no edge' : `${s.limitedBy} limit reached`} (${kelly})` };
  const cap = s.limitedBy === 'none' ? '' : `, capped by ${s.limitedBy}`;
  return { shares: s.shares, stake: s.stake, reason: `size ${s.shares.toFixed(2)} shares = ${s.stake.toFixed(2)} USDC (${kelly}${cap})` };
}

/** The journal row of a decided signal, with what became of it. */
export function signalRecord(s: DecidedSignal, status: SignalStatus, note: string | null): SignalRecord {
  const e = s.event;
  return {
    id: e.id, marketId: e.marketId, outcome: e.outcome, tokenId: e.tokenId, side: e.side, price: e.price, strength: e.strength, confidence: e.confidence,
    size: e.size, reasons: e.reasons, ts: e.ts, status, note, stake: s.stake, sector: s.sector,
  };
}
