import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { KillInfo } from '@polytrader/contracts';
import { AppConfig, EventBus, HaltHook, Heartbeat, KillSwitch, ROOT_LOGGER } from '@polytrader/platform';
import type { Logger } from 'pino';
import { CollectorApis } from '../collector.apis';
import { CollectorDatabase } from '../collector.database';
import { CollectionCycle, CycleReport } from './collection-cycle';

/** Delay until the next slot of the interval grid (:00, :15, :30, :45 for 15 min), so series align. */
export function msUntilNextSlot(nowMs: number, intervalMinutes: number): number {
  const slot = intervalMinutes * 60_000;
  return slot - (nowMs % slot);
}

const FIRST_RUN_DELAY_MS = 1000;

/**
 * Runs a collection cycle at start and then on every slot of `data_collection.interval_minutes`.
 * Never two cycles at once. On kill: the running cycle is aborted (no new request leaves) and
 * nothing is scheduled until system.reset.
 */
@Injectable()
export class CollectionScheduler implements OnApplicationBootstrap, OnApplicationShutdown, HaltHook {
  private timer?: NodeJS.Timeout;
  private running?: AbortController;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly apis: CollectorApis,
    private readonly db: CollectorDatabase,
    private readonly bus: EventBus,
    private readonly killSwitch: KillSwitch,
    private readonly heartbeat: Heartbeat,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.heartbeat.reportBreakers(() => this.apis.breakers());
    this.killSwitch.register(this);
    if (this.killSwitch.isHalted()) return;
    const dc = this.config.data_collection;
    this.schedule(dc.run_at_start ? FIRST_RUN_DELAY_MS : msUntilNextSlot(Date.now(), dc.interval_minutes));
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.running?.abort(new Error('service stopping'));
    this.apis.close();
  }

  onHalt(kill: KillInfo): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running?.abort(new Error(`halted: ${kill.reason}`));
  }

  onResume(): void {
    this.schedule(msUntilNextSlot(Date.now(), this.config.data_collection.interval_minutes));
  }

  /** One cycle now, unless halted or one is already running. */
  async runOnce(): Promise<CycleReport | null> {
    if (this.killSwitch.isHalted() || this.running || this.stopped) return null;
    const controller = new AbortController();
    this.running = controller;
    try {
      const cycle = new CollectionCycle({
        gamma: this.apis.gamma, clob: this.apis.clob, config: this.config.data_collection, store: this.db.store,
        publisher: this.bus, logger: this.logger, source: 'collector',
      });
      const report = await cycle.run(controller.signal);
      this.heartbeat.recordCycle({ name: 'collection', at: report.startedAt, durationMs: report.durationMs, outcome: report.outcome });
      return report;
    } catch (err) {
      this.logger.error({ err }, 'collection cycle failed');
      return null;
    } finally {
      this.running = undefined;
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      await this.runOnce();
      if (!this.killSwitch.isHalted()) this.schedule(msUntilNextSlot(Date.now(), this.config.data_collection.interval_minutes));
    }, delayMs);
  }
}
