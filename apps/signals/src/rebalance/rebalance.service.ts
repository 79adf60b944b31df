import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PortfolioRebalanceEvent, Subjects, envelope } from '@polytrader/contracts';
import { currentEquity, toAnalysisSummary } from '@polytrader/decision';
import { AppConfig, EventBus, Heartbeat, KillSwitch, nextDailyTime, PeriodicJob, ROOT_LOGGER } from '@polytrader/platform';
import { exposureLimits, sectorOf } from '@polytrader/quant';
import type { Logger } from 'pino';
import { SignalsDatabase } from '../signals.database';
import { ruleSettings, sizingSettings } from '@polytrader/decision';
import { LatestSignal, rebalanceSuggestions } from './rebalance';

const DAY_MS = 86_400_000;

/** Daily at `signals.rebalance_at` UTC: rebalancing suggestions on signal.rebalance (not while halted). */
@Injectable()
export class RebalanceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private job?: PeriodicJob<PortfolioRebalanceEvent | null>;

  constructor(
    private readonly config: AppConfig,
    private readonly db: SignalsDatabase,
    private readonly bus: EventBus,
    private readonly killSwitch: KillSwitch,
    private readonly heartbeat: Heartbeat,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.job = new PeriodicJob({
      name: 'rebalance', killSwitch: this.killSwitch, logger: this.logger,
      run: () => this.runOnce(),
      nextDelayMs: () => nextDailyTime(Date.now(), this.config.signals.rebalance_at) - Date.now(),
    });
    this.job.start();
  }

  onApplicationShutdown(): void {
    this.job?.stop();
  }

  /** Computes and publishes the suggestions now; null (nothing published) while halted. */
  async runOnce(nowMs: number = Date.now()): Promise<PortfolioRebalanceEvent | null> {
    if (this.killSwitch.isHalted()) return null;
    const started = Date.now();
    const { markets, analysis, portfolio, signals } = this.db.stores;
    const open = (await markets.markets()).filter((m) => m.active && !m.closed);
    const positions = await portfolio.openPositions();
    const ids = [...new Set(positions.map((p) => p.marketId))];
    const analyses = await analysis.latestByMarket(ids);
    const recent = await signals.recent({ since: new Date(nowMs - DAY_MS).toISOString(), limit: 10_000 });
    const latestSignals = new Map<string, LatestSignal>();
    for (const s of recent) if (!latestSignals.has(s.marketId)) latestSignals.set(s.marketId, s); // newest first
    const usable = await currentEquity(this.db.stores, nowMs, this.config.portfolio.initial_equity);
    const sectors = new Map(open.map((m) => [m.id, sectorOf(m.category, m.tags)]));
    for (const p of positions) if (!sectors.has(p.marketId)) sectors.set(p.marketId, (p.sector ?? 'other').toLowerCase());
    const suggestions = rebalanceSuggestions({
      positions, openMarkets: new Set(open.map((m) => m.id)), analyses: new Map(ids.map((id) => [id, toAnalysisSummary(analyses.get(id))])),
      latestSignals, sectors, limits: exposureLimits(sizingSettings(this.config), usable), rules: ruleSettings(this.config),
      minChangePct: this.config.portfolio.rebalance_min_change_pct, nowMs,
    });
    const event: PortfolioRebalanceEvent = { ...envelope('signals'), suggestions };
    if (this.killSwitch.isHalted()) return null; // asked again at the moment of publishing
    await this.bus.publish(Subjects.SignalRebalance, event);
    this.heartbeat.recordCycle({ name: 'rebalance', at: new Date(nowMs).toISOString(), durationMs: Date.now() - started, outcome: 'completed' });
    this.logger.info({ metrics: { positions: positions.length, suggestions: suggestions.length } }, `rebalancing: ${suggestions.length} suggestion(s) for ${positions.length} position(s)`);
    return event;
  }
}
