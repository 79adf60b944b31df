import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import {
  ControlMessage, KillInfo, MarketCycleCompletedEvent, RiskCommandEvent, SignalGeneratedEvent, Subjects,
} from '@polytrader/contracts';
import { StageTimingStore, type DecisionRecord } from '@polytrader/persistence';
import {
  AppConfig, EventBus, HaltHook, Heartbeat, KillSwitch, ROOT_LOGGER, ResumeCause, SERVICE_RUNTIME, ServiceRuntime, StageTimer, StageTimingBuffer,
  publishControl,
} from '@polytrader/platform';
import {
  ExecutionVenue, HaltView, OutEvent, PaperBroker, RiskEngine, RiskStep, decisionEvent, riskEngineConfig, tradeEvent,
} from '@polytrader/decision';
import type { Logger } from 'pino';
import { BatchHandler, Delivery, OrderedConsumer } from './bus/ordered-consumer';
import { EXECUTION_VENUE, VenueFactory } from './execution/venue-factory';
import { StoredMarketData } from './market/market-data';
import { RiskDatabase } from './risk.database';
import { RiskMetrics } from './risk.metrics';

interface Decided {
  steps: RiskStep[];
  events: OutEvent[];
  replayed: DecisionRecord[];
}

/** Signals decided and stored per transaction at most: under load a batch amortizes the commit and the acks. */
const SIGNAL_BATCH = 64;
/**
 * Stage timings of the signal batches are written this often, in one insert (docs/profiler.md): never on a
 * decision's path, and one short write a minute in the queue risk's own commits share.
 */
const STAGE_TIMING_FLUSH_MS = 60_000;

/**
 * Wires the engine to the bus and the database. Every step (signal, cycle, command, kill, reset) runs one
 * at a time: compute on a draft → store it in ONE transaction (the decision keyed by the signal id) →
 * publish → ack. A redelivered signal finds its decision and re-publishes the same events (same ids, so
 * JetStream's de-duplication drops them) — never a second trade.
 */
@Injectable()
export class RiskService implements OnApplicationBootstrap, OnApplicationShutdown, HaltHook {
  private engine!: RiskEngine;
  private venue!: ExecutionVenue;
  private market!: StoredMarketData;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly consumers: OrderedConsumer[] = [];
  private decisions = 0;
  private metrics!: RiskMetrics;
  private timings?: StageTimingBuffer;

  constructor(
    private readonly config: AppConfig,
    private readonly db: RiskDatabase,
    private readonly bus: EventBus,
    private readonly killSwitch: KillSwitch,
    private readonly heartbeat: Heartbeat,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Optional() @Inject(EXECUTION_VENUE) private readonly venueFactory?: VenueFactory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { execution } = this.config;
    this.market = new StoredMarketData(this.db.markets);
    const halted = () => (this.killSwitch.isHalted() ? this.halt().reason : null);
    this.venue = this.venueFactory?.(this.market, halted)
      ?? new PaperBroker(this.market, { feeBps: execution.fee_bps, maxSlippagePct: execution.max_slippage_pct, halted });
    this.engine = new RiskEngine(riskEngineConfig(this.config), this.venue, this.market, () => new Date());
    this.metrics = new RiskMetrics(this.runtime.metrics, () => {
      const m = this.engine.metrics();
      return { equity: m.equity, drawdownPct: m.drawdownPct, realizedPnl: this.engine.snapshot().state.realizedPnl };
    });
    await this.reload();
    await this.serial(() => this.migrateShorts());
    this.killSwitch.register(this);
    this.heartbeat.contribute('risk', () => this.status());
    await this.serial(() => this.flushKill());
    this.timings = new StageTimingBuffer(new StageTimingStore(this.db.dataSource), STAGE_TIMING_FLUSH_MS, this.logger);
    this.timings.start();
    await this.consume(Subjects.SignalGenerated, SIGNAL_BATCH, (b) => this.onSignals(b));
    await this.consume(Subjects.MarketCycleCompleted, 1, (b) => this.onCycles(b));
    await this.consume(Subjects.RiskCommand, 1, (b) => this.onCommands(b));
    const m = this.engine.metrics();
    this.logger.info({ metrics: { equity: m.equity, positions: this.engine.snapshot().positions.length, state: this.engine.tradingState(this.halt()).name } }, 'risk engine ready');
  }

  async onApplicationShutdown(): Promise<void> {
    for (const c of this.consumers) await c.stop();
    await this.chain.catch(() => undefined);
    await this.timings?.stop();
  }

  onHalt(kill: KillInfo): Promise<void> {
    this.logger.error({ metrics: { reason: kill.reason } }, 'HALTED: every order is rejected; cancelling open orders');
    return this.venue.cancelAll().then((n) => void this.logger.warn({ metrics: { cancelled: n } }, 'open orders cancelled'));
  }

  /**
   * Only a real system.reset clears the error counter. A boot that finds the system running keeps it, unless
   * it is at the breaker's limit: reaching the limit tripped the breaker and published a kill, so the system
   * running now means a reset came after it, published while risk was down.
   */
  async onResume(_reset: ControlMessage, cause: ResumeCause): Promise<void> {
    if (cause === 'boot' && this.engine.snapshot().state.consecutiveErrors < this.config.risk.max_consecutive_execution_errors) return;
    await this.serial(() => this.store(this.engine.reset()));
  }

  /** Trading state, metrics and positions for /status (system.status.risk). */
  status(): Record<string, unknown> {
    const state = this.engine.tradingState(this.halt());
    const m = this.engine.metrics();
    const { state: s, positions } = this.engine.snapshot();
    return {
      tradingState: state.name, why: state.why || null, mode: this.venue.mode, equity: m.equity, dailyPnlPct: m.dailyPnlPct, drawdownPct: m.drawdownPct,
      startOfDayEquity: m.startOfDayEquity, highWaterMark: m.highWaterMark, consecutiveErrors: m.consecutiveErrors, openPositions: positions.length,
      tradingDay: s.tradingDay, breaker: s.breaker, decisions: this.decisions,
    };
  }

  /**
   * A batch of signals, in stream order: each decided on the engine's state after the one before, all stored
   * in ONE transaction, then published. A signal already decided (a redelivery) re-publishes its stored
   * decision and fills with the same event ids; an error stores nothing and the batch is retried in order.
   * The batch is acknowledged once its events are on the bus; the next batch is decided meanwhile.
   */
  private onSignals(batch: Delivery[]): Promise<{ published: Promise<void> }> {
    return this.serial(async () => {
      await this.flushKill();
      const signals = batch.map((d) => d.event as SignalGeneratedEvent);
      // one "cycle" per batch of signals: decision (the engine, per signal, summed), commit, publish
      const timer = new StageTimer({ service: 'risk', cycle: 'risk', cycleId: `batch:${signals[0]?.id}`, metrics: this.runtime.metrics });
      // Only a redelivery can find its decision stored; anything else that was (the same signal published
      // twice) is caught by the commit's keys, and the batch is then decided again knowing what is stored.
      const redelivered = batch.some((d) => d.redelivered);
      let decided = await this.decide(signals, redelivered ? await this.db.journal.decisions(signals.map((s) => s.id)) : new Map(), timer);
      if (!decided) decided = await this.decide(signals, await this.db.journal.decisions(signals.map((s) => s.id)), timer);
      if (!decided) throw new Error('a decision of this batch is already stored');
      this.decisions += decided.steps.length;
      const events = [...decided.events, ...(await this.replayEvents(decided.replayed))];
      if (decided.steps.some((st) => st.trip)) {
        // a kill is published right after the decisions that caused it, before anything else is decided
        await this.timed(timer, () => this.publishAll(events));
        await this.flushKill();
        return { published: Promise.resolve() };
      }
      return { published: this.timed(timer, () => this.publishAll(events)) };
    });
  }

  /** Decides the new signals of a batch and stores them in one transaction; null when a decision was already stored. */
  private async decide(signals: SignalGeneratedEvent[], stored: Map<string, DecisionRecord>, timer?: StageTimer): Promise<Decided | null> {
    const steps: RiskStep[] = [];
    const decidedNow = new Map<string, RiskStep>();
    const replayed: DecisionRecord[] = [];
    const events: OutEvent[] = [];
    try {
      for (const signal of signals) {
        const known = stored.get(signal.id);
        const twin = decidedNow.get(signal.id);
        if (known) replayed.push(known);
        else if (twin) events.push(...twin.events.filter((e) => e.subject !== Subjects.RiskWarning));
        else {
          const t0 = timer?.elapsedMs() ?? 0;
          const step = await this.engine.onSignal(signal, this.halt(), this.live);
          this.engine.apply(step);
          timer?.record('decision', timer.elapsedMs() - t0);
          steps.push(step);
          decidedNow.set(signal.id, step);
          events.push(...step.events);
        }
      }
      // The kill switch once more, right before the commit: a kill that came while this batch was decided
      // (after an order was approved and filled) turns it into rejections — decided again, halted, nothing filled.
      if (this.killSwitch.isHalted() && steps.some((st) => st.commit.decision?.decision === 'approved')) {
        await this.reload();
        return this.decide(signals, stored, timer);
      }
      const c0 = timer?.elapsedMs() ?? 0;
      const committed = await this.db.journal.commitMany(steps.map((st) => st.commit));
      timer?.record('commit', timer.elapsedMs() - c0);
      if (committed) {
        for (const st of steps) this.metrics.recordStep(st);
        return { steps, events, replayed };
      }
    } catch (err) {
      await this.reload();
      throw err;
    }
    await this.reload();
    return null;
  }

  /** Publishes, then hands the batch's stage timings to the buffer (written once per STAGE_TIMING_FLUSH_MS). */
  private timed(timer: StageTimer, publish: () => Promise<void>): Promise<void> {
    const p0 = timer.elapsedMs();
    return publish().then(
      () => { timer.record('publish', timer.elapsedMs() - p0); this.timings?.add(timer.finish('ok')); },
      (err: unknown) => { timer.record('publish', timer.elapsedMs() - p0, 'failed'); this.timings?.add(timer.finish('failed')); throw err; },
    );
  }

  private onCycles(batch: Delivery[]): Promise<void> {
    return this.serial(async () => {
      for (const { event } of batch) {
        const cycle = event as MarketCycleCompletedEvent;
        if (cycle.outcome === 'aborted' || cycle.snapshots === 0) continue;
        // a redelivered cycle whose step is stored: its closes and warnings again, same event ids, nothing recomputed
        if (await this.replayCycle(cycle.cycleId)) continue;
        this.market.invalidate();
        let step = await this.engine.onCycle(cycle.cycleId, this.halt(), this.live);
        // a kill during the cycle, right before its commit: the exits through the venue are not kept
        if (this.killSwitch.isHalted() && step.commit.orders.some((o) => o.trigger === 'stop_loss' || o.trigger === 'take_profit')) {
          step = await this.engine.onCycle(cycle.cycleId, this.halt());
        }
        step = this.withCycleRecord(cycle.cycleId, step);
        if (await this.store(step)) await this.publishAll(step.events);
        else await this.replayCycle(cycle.cycleId);
        await this.flushKill();
      }
    });
  }

  /**
   * A cycle step that publishes something (trade.closed of exits and settlements, risk.warning) is stored with a
   * record of its events, keyed `cycle:<cycle id>` in risk_decisions: a redelivered cycle finds it (the exits
   * are applied, their positions gone) and publishes the same events again, so no close is missing from the bus.
   */
  private withCycleRecord(cycleId: string, step: RiskStep): RiskStep {
    if (step.events.length === 0) return step;
    const closes = step.events.filter((e) => e.subject === Subjects.TradeClosed);
    const first = closes[0]?.event as { marketId?: string } | undefined;
    const record: DecisionRecord = {
      signalId: cycleKey(cycleId), decision: 'approved', marketId: first?.marketId ?? '', tradingState: this.engine.tradingState(this.halt()).name,
      reasons: [`market cycle ${cycleId}: ${closes.length} close(s), ${step.events.length - closes.length} warning(s)`],
      size: null, ts: step.commit.state.updatedAt, signal: { cycleId, events: step.events },
    };
    return { ...step, commit: { ...step.commit, decision: record } };
  }

  /** Publishes the stored events of a cycle already applied; false when none is stored. */
  private async replayCycle(cycleId: string): Promise<boolean> {
    const known = (await this.db.journal.decisions([cycleKey(cycleId)])).get(cycleKey(cycleId));
    if (!known) return false;
    const events = Array.isArray(known.signal?.events) ? (known.signal.events as OutEvent[]) : [];
    this.logger.warn({ metrics: { cycleId, events: events.length } }, 'market cycle already applied: its events published again (same ids)');
    await this.publishAll(events);
    return true;
  }

  private onCommands(batch: Delivery[]): Promise<void> {
    return this.serial(async () => {
      for (const { event } of batch) {
        const cmd = event as RiskCommandEvent;
        await this.store(this.engine.command(cmd));
        this.logger.warn({ metrics: { command: cmd.command, source: cmd.source, reason: cmd.reason } }, `risk.command ${cmd.command} from ${cmd.source}`);
      }
    });
  }

  /** Stores a step; on success the engine adopts it, on a duplicate (already stored) it re-reads the database. */
  private async store(step: RiskStep): Promise<boolean> {
    const ok = await this.db.journal.commit(step.commit);
    if (ok) {
      this.engine.apply(step);
      this.metrics.recordStep(step);
    } else await this.reload();
    return ok;
  }

  /**
   * Shorts stored by older versions (no short selling now): each closed at the mark, one step each, with the
   * reason `short_migrated` in the journal and its trade.closed published. Idempotent: a closed short is gone.
   */
  private async migrateShorts(): Promise<void> {
    for (const p of this.engine.snapshot().positions.filter((x) => x.side === 'SELL')) {
      const view = await this.market.view(p.marketId).catch(() => null);
      const step = this.engine.closeShort(p, view, this.halt());
      if (!(await this.store(step))) continue;
      this.logger.warn({ metrics: { tradeId: p.tradeId, tokenId: p.tokenId, shares: p.size } }, step.commit.decision!.reasons[0]);
      await this.publishAll(step.events);
    }
  }

  /** A breaker trip not yet on the bus: publish system.kill (same message id every time: stored once), then record it. */
  private async flushKill(): Promise<void> {
    const trip = this.engine.pendingKill;
    if (!trip || trip.published) return;
    this.logger.fatal({ metrics: trip.metrics }, `circuit breaker: ${trip.reason} — publishing system.kill`);
    await publishControl(this.bus, 'kill', { reason: trip.reason, source: 'risk', metrics: trip.metrics, at: trip.ts, idempotencyKey: `risk-kill-${trip.key}` });
    await this.store(this.engine.killPublished());
  }

  private async replayEvents(decisions: DecisionRecord[]): Promise<OutEvent[]> {
    if (decisions.length === 0) return [];
    const orders = await this.db.journal.ordersForSignals(decisions.map((d) => d.signalId));
    const events: OutEvent[] = [];
    for (const d of decisions) {
      events.push(decisionEvent(d, this.bus.service));
      const outcome = typeof d.signal?.outcome === 'string' ? d.signal.outcome : undefined;
      for (const o of orders.get(d.signalId) ?? []) {
        if (o.filledSize <= 0) continue;
        events.push(tradeEvent(o.intent === 'close' || o.intent === 'reduce' ? Subjects.TradeClosed : Subjects.TradeOpened, o, outcome, this.bus.service));
      }
    }
    return events;
  }

  private async publishAll(events: OutEvent[]): Promise<void> {
    await Promise.all(events.map((e) => this.bus.publish(e.subject, e.event)));
  }

  private async reload(): Promise<void> {
    // the journal may hold committed steps not yet in the tables (group commit)
    await this.db.journal.flush();
    const [state, positions] = await Promise.all([this.db.state.load(), this.db.portfolio.positionStates()]);
    this.engine.restore(state, positions);
  }

  /** The kill switch right now (the engine asks again while a decision waits). */
  private readonly live = (): HaltView => this.halt();

  private halt(): HaltView {
    return { halted: this.killSwitch.isHalted(), reason: this.killSwitch.current.kill?.reason ?? 'kill-switch state not known yet' };
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async consume(subject: string, maxBatch: number, handler: BatchHandler): Promise<void> {
    const c = new OrderedConsumer(this.bus, this.runtime.jsm, this.config.bus, this.logger, subject, { maxBatch, maxAckPending: maxBatch * 8 });
    await c.start(handler);
    this.consumers.push(c);
  }
}

/** The journal key of a market cycle's stored step (risk_decisions, beside the signal ids). */
const cycleKey = (cycleId: string) => `cycle:${cycleId}`;
