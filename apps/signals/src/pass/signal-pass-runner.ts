import { SignalGeneratedEvent, Subjects } from '@polytrader/contracts';
import { SignalStores, decideSignals, loadPassInputs, signalRecord } from '@polytrader/decision';
import type { SignalStatus } from '@polytrader/persistence';
import { messageOf } from '@polytrader/persistence';
import { chunk, mapLimit } from '@polytrader/platform';
import type { CalendarEvent, SignalRuleSettings, SizingSettings, SkipStage } from '@polytrader/quant';
import type { Logger } from 'pino';

export interface SignalPublisher {
  publish(subject: string, event: object): Promise<void>;
}

/** The kill switch as a pass sees it: asked at the start and again right before every publish. */
export interface HaltState {
  isHalted(): boolean;
}

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

/** Signals journaled per transaction, and publishes in flight at once (a kill stops the ones not yet started). */
const PUBLISH_CHUNK = 64;
const PUBLISH_CONCURRENCY = 16;

/**
 * One signal pass as the service runs it (docs/signals.md): read the inputs through the stores, decide
 * (decideSignals in @polytrader/decision: rules, ranking, sizing), journal every proposal and publish those
 * with a size — unless the kill switch is on, which is asked at the start and before every publish.
 */
export class SignalPass {
  constructor(private readonly o: SignalPassOptions) {}

  async run(nowMs: number = Date.now()): Promise<SignalPassReport> {
    const started = Date.now();
    const startedAt = new Date(nowMs).toISOString();
    const empty = { startedAt, markets: 0, eligible: 0, skipped: {}, proposals: 0, published: 0, suppressed: 0, halted: 0, failed: 0, equity: 0, signalIds: [] };
    if (this.o.halt.isHalted()) return { ...empty, durationMs: Date.now() - started, outcome: 'halted' };

    const inputs = await loadPassInputs(this.o.stores, this.o.rules, this.o.events, nowMs, this.o.initialEquity);
    const { skipped, signals } = decideSignals(inputs, this.o, nowMs);
    const counts: Record<SignalStatus, number> = { published: 0, suppressed: 0, halted: 0, failed: 0 };
    const signalIds: string[] = [];
    const suppressed = signals.filter((x) => x.event.size === 0).map((x) => signalRecord(x, 'suppressed', x.note));
    // Publish in chunks; each chunk's rows are journaled right after it, so a pass that dies later still leaves the cooldown.
    for (const part of chunk(signals.filter((x) => x.event.size > 0), PUBLISH_CHUNK)) {
      const outcomes = await mapLimit(part, this.o.publishConcurrency ?? PUBLISH_CONCURRENCY, (x) => this.publishOne(x.event));
      const rows = part.map((x, i) => {
        const r = outcomes[i];
        const [status, note] = r.status === 'fulfilled' ? r.value : (['failed', messageOf(r.reason)] as const);
        if (status === 'published') signalIds.push(x.event.id);
        return signalRecord(x, status, note);
      });
      await this.o.stores.signals.save(rows);
      for (const r of rows) counts[r.status]++;
    }
    await this.o.stores.signals.save(suppressed);
    counts.suppressed += suppressed.length;

    const report: SignalPassReport = {
      startedAt, durationMs: Date.now() - started, outcome: counts.failed > 0 ? 'partial' : 'completed', markets: inputs.markets.length,
      eligible: inputs.candidates.length, skipped, proposals: signals.length, ...counts, equity: inputs.equity, signalIds,
    };
    this.o.logger.info({ metrics: { ...report, signalIds: undefined } },
      `signal pass: ${counts.published} published, ${counts.suppressed} suppressed, ${counts.halted} halted of ${signals.length} from ${inputs.candidates.length} eligible market(s)`);
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
}
