import { Inject, Injectable } from '@nestjs/common';
import { AnalysisQualityEvent, Subjects, envelope } from '@polytrader/contracts';
import { AppConfig, EventBus, Heartbeat, ROOT_LOGGER, ServiceMetrics, StageTimer, mapLimit } from '@polytrader/platform';
import { StageTimingStore } from '@polytrader/persistence';
import type { Logger } from 'pino';
import { AnalyzerDatabase } from '../analyzer.database';
import { runQualityChecks } from './quality-checks';
import { QualityInput, QualityIssue, SnapshotPoint } from './quality.types';

const PUBLISH_CONCURRENCY = 32;

/**
 * Loads one cycle (and each market's previous snapshots) from the database, runs the checks,
 * stores every issue, marks the flagged snapshots — flagged data is marked, never dropped —
 * and publishes analysis.quality per issue.
 */
@Injectable()
export class QualityService {
  constructor(
    private readonly config: AppConfig,
    private readonly db: AnalyzerDatabase,
    private readonly bus: EventBus,
    private readonly heartbeat: Heartbeat,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly metrics: ServiceMetrics,
  ) {}

  async checkCycle(cycleId: string): Promise<QualityIssue[]> {
    const started = Date.now();
    // one quality run per collection cycle: its id is the collection cycle's
    const timer = new StageTimer({ service: 'analyzer', cycle: 'quality', cycleId, startedAt: new Date(started).toISOString(), metrics: this.metrics });
    const input = await timer.time('load', () => this.load(cycleId));
    const issues = timer.timeSync('checks', () => runQualityChecks(input));
    const ts = input.latest[0]?.ts ?? new Date(started).toISOString();
    await timer.time('persist', async () => {
      await this.db.quality.save(issues.map((i) => ({ ...i, ts })));
      for (const [marketId, kinds] of groupKinds(issues)) await this.db.markets.markSnapshotFlags(marketId, cycleId, kinds);
    });
    const results = await timer.time('publish', () => mapLimit(issues, PUBLISH_CONCURRENCY, (i) => this.bus.publish(Subjects.AnalysisQuality, toEvent(i))));
    const failed = results.filter((r) => r.status === 'rejected').length;
    const durationMs = Date.now() - started;
    this.heartbeat.recordCycle({ name: 'quality', at: new Date(started).toISOString(), durationMs, outcome: failed ? 'partial' : 'completed' });
    await timer.flush(new StageTimingStore(this.db.dataSource), this.logger, 'ok', durationMs);
    this.logger.info({ metrics: { cycleId, markets: input.latest.length, issues: issues.length, failedPublishes: failed, durationMs } },
      `quality checks: ${issues.length} issue(s) in cycle ${cycleId}`);
    return issues;
  }

  private async load(cycleId: string): Promise<QualityInput> {
    const { analysis, data_collection } = this.config;
    const depth = Math.max(analysis.stale_after_cycles, 16) + 1;
    const recent = await this.db.markets.latestSnapshots(depth);
    const points = recent.map((s) => ({ marketId: s.marketId, cycleId: s.cycleId, ts: s.ts, outcomePrices: s.outcomePrices }));
    const latest: SnapshotPoint[] = points.filter((p) => p.cycleId === cycleId);
    const cycleTs = latest[0]?.ts ?? '';
    const previous = new Map<string, SnapshotPoint[]>();
    // Only what came before this cycle: a redelivered old cycle must not be judged against newer data.
    for (const p of points) if (p.cycleId !== cycleId && p.ts < cycleTs) (previous.get(p.marketId) ?? previous.set(p.marketId, []).get(p.marketId)!).push(p);
    for (const list of previous.values()) list.sort((a, b) => a.ts.localeCompare(b.ts));
    const ids = latest.map((s) => s.marketId);
    const books = (await this.db.markets.latestBooks(ids)).filter((b) => b.cycleId === cycleId);
    const markets = await this.db.markets.markets(ids);
    return {
      cycleId, latest, previous, books, markets,
      settings: {
        outcomeSumTolerance: analysis.outcome_sum_tolerance, staleAfterCycles: analysis.stale_after_cycles,
        spikeZ: analysis.spike_z, intervalMinutes: data_collection.interval_minutes,
      },
    };
  }
}

function groupKinds(issues: readonly QualityIssue[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const i of issues) out.set(i.marketId, [...(out.get(i.marketId) ?? []), i.kind]);
  return out;
}

function toEvent(i: QualityIssue): AnalysisQualityEvent {
  return { ...envelope('analyzer'), marketId: i.marketId, kind: i.kind, severity: i.severity, detail: i.detail, cycleId: i.cycleId };
}
