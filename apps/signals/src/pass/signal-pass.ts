import { SignalGeneratedEvent, Subjects, envelope } from '@polytrader/contracts';
import type { SignalRecord, SignalStatus } from '@polytrader/persistence';
import { messageOf } from '@polytrader/persistence';
import {
  CalendarEvent, PortfolioSizer, SignalProposal, SignalRuleSettings, SizingSettings, SkipStage, bidSharesWithin, evaluateMarket,
} from '@polytrader/quant';
import { chunk, mapLimit } from '@polytrader/platform';
import type { Logger } from 'pino';
import { loadPassInputs } from './signal-inputs';
import type { HaltState, SignalPublisher, SignalStores } from './ports';

export interface SignalPassOptions {
  readonly stores: SignalStores;
  readonly publisher: SignalPublisher;
  readonly halt: HaltState;
  readonly logger: Logger;
  readonly rules: SignalRuleSettings;
  readonly sizing: SizingSettings;
  readonly events: readonly CalendarEvent[];
  readonly initialEquity: number;
  /** the `source` of published events */
  readonly source: string;
  /** publishes in flight at once (default 16); a kill stops every one not yet started */
  readonly publishConcurrency?: number;
}

export interface SignalPassReport {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly outcome: 'completed' | 'partial' | 'halted';
  /** active markets */
  readonly markets: number;
  readonly eligible: number;
  readonly skipped: Readonly<Partial<Record<SkipStage, number>>>;
  readonly proposals: number;
  readonly published: number;
  readonly suppressed: number;
  readonly halted: number;
  readonly failed: number;
  readonly equity: number;
  /** ids of the published signal.generated events */
  readonly signalIds: readonly string[];
}

const STRENGTH_ORDER = { STRONG: 3, MODERATE: 2, WEAK: 1 } as const;
/** Signals journaled per transaction, and publishes in flight at once (a kill stops the ones not yet started). */
const PUBLISH_CHUNK = 64;
const PUBLISH_CONCURRENCY = 16;

/**
 * One signal pass (docs/signals.md): read the inputs, run the rules per eligible market, size the
 * proposals (best first, each against the exposure the earlier ones took), journal every one and publish
 * those with a size — unless the kill switch is on, which is asked at the start and before every publish.
 */
export class SignalPass {
  constructor(private readonly o: SignalPassOptions) {}

  async run(nowMs: number = Date.now()): Promise<SignalPassReport> {
    const started = Date.now();
    const startedAt = new Date(nowMs).toISOString();
    const empty = { startedAt, markets: 0, eligible: 0, skipped: {}, proposals: 0, published: 0, suppressed: 0, halted: 0, failed: 0, equity: 0, signalIds: [] };
    if (this.o.halt.isHalted()) return { ...empty, durationMs: Date.now() - started, outcome: 'halted' };

    const inputs = await loadPassInputs(this.o.stores, this.o.rules, this.o.events, nowMs, this.o.initialEquity);
    const skipped: Partial<Record<SkipStage, number>> = { eligibility: inputs.ineligible.size };
    const proposals: SignalProposal[] = [];
    for (const input of inputs.candidates) {
      const d = evaluateMarket(input, this.o.rules, nowMs);
      if (d.kind === 'signal') proposals.push(d.proposal);
      else skipped[d.stage] = (skipped[d.stage] ?? 0) + 1;
    }
    proposals.sort((a, b) => b.confidence - a.confidence || STRENGTH_ORDER[b.strength] - STRENGTH_ORDER[a.strength] || a.marketId.localeCompare(b.marketId));

    const sizer = PortfolioSizer.create(this.o.sizing, inputs.equity, inputs.held);
    const counts: Record<SignalStatus, number> = { published: 0, suppressed: 0, halted: 0, failed: 0 };
    const signalIds: string[] = [];
    const sized = proposals.map((p) => {
      const sector = inputs.sectors.get(p.marketId) ?? 'other';
      const size = this.size(sizer, p, sector, inputs.equity);
      const event: SignalGeneratedEvent = {
        ...envelope(this.o.source), marketId: p.marketId, outcome: p.outcome, tokenId: p.tokenId, side: p.side, price: p.price, strength: p.strength,
        confidence: p.confidence, size: size.shares, reasons: [...p.reasons, size.reason], stake: size.stake, sector,
      };
      return { event, sector, stake: size.stake, note: size.shares > 0 ? null : size.reason };
    });
    const suppressed = sized.filter((x) => x.event.size === 0).map((x) => toRecord(x.event, 'suppressed', x.note, x.stake, x.sector));
    // Publish in chunks; each chunk's rows are journaled right after it, so a pass that dies later still leaves the cooldown.
    for (const part of chunk(sized.filter((x) => x.event.size > 0), PUBLISH_CHUNK)) {
      const outcomes = await mapLimit(part, this.o.publishConcurrency ?? PUBLISH_CONCURRENCY, (x) => this.publishOne(x.event));
      const rows = part.map((x, i) => {
        const r = outcomes[i];
        const [status, note] = r.status === 'fulfilled' ? r.value : (['failed', messageOf(r.reason)] as const);
        if (status === 'published') signalIds.push(x.event.id);
        return toRecord(x.event, status, note, x.stake, x.sector);
      });
      await this.o.stores.signals.save(rows);
      for (const r of rows) counts[r.status]++;
    }
    await this.o.stores.signals.save(suppressed);
    counts.suppressed += suppressed.length;

    const report: SignalPassReport = {
      startedAt, durationMs: Date.now() - started, outcome: counts.failed > 0 ? 'partial' : 'completed', markets: inputs.markets.length,
      eligible: inputs.candidates.length, skipped, proposals: proposals.length, ...counts, equity: inputs.equity, signalIds,
    };
    this.o.logger.info({ metrics: { ...report, signalIds: undefined } },
      `signal pass: ${counts.published} published, ${counts.suppressed} suppressed, ${counts.halted} halted of ${proposals.length} from ${inputs.candidates.length} eligible market(s)`);
    return report;
  }

  /** Publishes one signal unless the kill switch is on at this very moment. */
  private async publishOne(event: SignalGeneratedEvent): Promise<readonly [SignalStatus, string | null]> {
    if (this.o.halt.isHalted()) return ['halted', 'kill switch on at publish time'];
    try {
      await this.o.publisher.publish(Subjects.SignalGenerated, event);
      return ['published', null];
    } catch (err) {
      this.o.logger.error({ err, metrics: { marketId: event.marketId } }, `signal.generated not published for market ${event.marketId}`);
      return ['failed', messageOf(err)];
    }
  }

  /** BUY: the portfolio sizer. SELL (an exit): the shares held, as far as the bids within the slippage take them. */
  private size(sizer: PortfolioSizer, p: SignalProposal, sector: string, equity: number): { shares: number; stake: number; reason: string } {
    if (p.side === 'SELL') {
      const limit = p.price * (1 - this.o.sizing.maxSlippagePct / 100);
      const shares = Math.min(p.exitSize ?? 0, bidSharesWithin(p.levels, limit));
      return { shares, stake: shares * p.price, reason: shares > 0 ? `size ${shares.toFixed(2)} of ${(p.exitSize ?? 0).toFixed(2)} shares held (exit)` : 'size 0: no bids within the slippage limit' };
    }
    const s = sizer.size({ marketId: p.marketId, sector, price: p.price, confidence: p.confidence, asks: p.levels });
    const kelly = `kelly ${(s.kellyFraction * 100).toFixed(2)} % of ${equity.toFixed(0)} USDC at p=${s.prob.toFixed(3)}`;
    if (!(s.shares > 0)) return { shares: 0, stake: 0, reason: `size 0: ${s.limitedBy === 'kelly' ? 'no edge' : `${s.limitedBy} limit reached`} (${kelly})` };
    const cap = s.limitedBy === 'none' ? '' : `, capped by ${s.limitedBy}`;
    return { shares: s.shares, stake: s.stake, reason: `size ${s.shares.toFixed(2)} shares = ${s.stake.toFixed(2)} USDC (${kelly}${cap})` };
  }
}

function toRecord(e: SignalGeneratedEvent, status: SignalStatus, note: string | null, stake: number, sector: string): SignalRecord {
  return {
    id: e.id, marketId: e.marketId, outcome: e.outcome, tokenId: e.tokenId, side: e.side, price: e.price, strength: e.strength, confidence: e.confidence,
    size: e.size, reasons: e.reasons, ts: e.ts, status, note, stake, sector,
  };
}
