import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, EventBus, Heartbeat, KillSwitch, PeriodicJob, ROOT_LOGGER, ServiceMetrics } from '@polytrader/platform';
import { StageTimingStore } from '@polytrader/persistence';
import { msUntilNextSlot } from '@polytrader/quant';
import type { Logger } from 'pino';
import { HypeApis } from '../hype.apis';
import { HypeDatabase } from '../hype.database';
import { HypeCycle, HypeCycleReport, SETTLE_MS } from './hype-cycle';
import { MentionHistory } from './mention-history';

const FIRST_RUN_DELAY_MS = 1000;
/** A first start: the collector has not stored a market yet — look again this soon, not at the next slot. */
const NO_MARKETS_RETRY_MS = 15_000;

/**
 * Runs a hype cycle at start (`hype.run_at_start`) and then on every slot of `hype.interval_minutes`
 * (plus SETTLE_MS, so the interval that just ended is complete at X). Never two cycles at once. On kill:
 * the running cycle is aborted (no new request leaves, in-flight ones are cut) and nothing is scheduled
 * until system.reset.
 */
@Injectable()
export class HypeScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob<HypeCycleReport>;
  private cycle?: HypeCycle;
  private last: HypeCycleReport | null = null;
  private seenMarkets = false;

  constructor(
    private readonly config: AppConfig,
    private readonly apis: HypeApis,
    private readonly db: HypeDatabase,
    private readonly bus: EventBus,
    killSwitch: KillSwitch,
    private readonly heartbeat: Heartbeat,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly metrics: ServiceMetrics,
  ) {
    this.job = new PeriodicJob({
      name: 'hype cycle', killSwitch, logger,
      run: (signal) => this.hypeCycle().run(signal),
      nextDelayMs: () => this.untilNextSlot(),
      firstDelayMs: () => (config.hype.run_at_start ? FIRST_RUN_DELAY_MS : this.untilNextSlot()),
      retryDelayMs: (report) => (report && report.markets === 0 && !this.seenMarkets ? NO_MARKETS_RETRY_MS : null),
      onDone: (report) => {
        this.last = report;
        if (report.markets > 0) this.seenMarkets = true;
        heartbeat.recordCycle({ name: 'hype', at: report.startedAt, durationMs: report.durationMs, outcome: report.outcome });
      },
    });
  }

  onApplicationBootstrap(): void {
    const h = this.config.hype;
    this.heartbeat.reportBreakers(() => this.apis.breakers());
    this.heartbeat.contribute('hype', () => ({ mode: this.hypeCycle().mode, feeds: h.rss_feeds.length, lastCycle: this.last, apis: this.apis.stats() }));
    if (!this.apis.x) {
      this.logger.warn(h.rss_feeds.length
        ? 'X_BEARER_TOKEN is not set: hype runs on news feeds only (no X requests). Set it to add X mention counts and post sentiment.'
        : 'X_BEARER_TOKEN is not set and hype.rss_feeds is empty: hype has no source and scores nothing. Set the token or list feeds.');
    }
    if (h.interval_minutes !== this.config.data_collection.interval_minutes) {
      this.logger.warn({ metrics: { hype: h.interval_minutes, collector: this.config.data_collection.interval_minutes } },
        'hype.interval_minutes differs from data_collection.interval_minutes: hype and price series will not share one grid');
    }
    this.job.start();
  }

  onApplicationShutdown(): void {
    this.job.stop();
    this.apis.close();
  }

  /** One cycle now, unless halted or one is already running. */
  runOnce(): Promise<HypeCycleReport | null> {
    return this.job.runOnce();
  }

  private hypeCycle(): HypeCycle {
    this.cycle ??= new HypeCycle({
      config: this.config.hype, x: this.apis.x, rssClientFor: (url) => this.apis.rssClientFor(url), stores: this.db.stores,
      history: new MentionHistory(this.config.hype.interval_minutes), publisher: this.bus, logger: this.logger, source: 'hype',
      breakers: () => this.apis.breakers(),
      timings: new StageTimingStore(this.db.dataSource), metrics: this.metrics,
    });
    return this.cycle;
  }

  private untilNextSlot(): number {
    return msUntilNextSlot(Date.now() - SETTLE_MS, this.config.hype.interval_minutes);
  }
}
