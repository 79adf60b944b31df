import type { DataSource } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { execute, withRunner, withTransaction } from '../sql/exclusive';

/**
 * How long each table keeps its rows, in days; 0 = kept forever. What is kept whatever its age:
 * - signals and risk decisions that an order refers to (`orders.signal_id`): the trade journal shows the
 *   decision beside its order, and every open position's entry is such an order; orders, trades and
 *   positions are never deleted;
 * - each market's newest analysis row and each token's newest microstructure row (what signals and the
 *   CLI read as "the current analysis");
 * - price history of a token with an open position (deletion only; thinning applies to every token);
 * - the earliest price point of every UTC hour when older points are thinned.
 */
export interface RetentionPolicy {
  /**
   * market snapshots, book summaries, hype scores and their versions, news items, quality issues, summarized
   * rejections; market versions too, except the newest one at the cutoff (what was known of the market then)
   */
  snapshotDays: number;
  /** price history older than this keeps one point per token and UTC hour: the earliest */
  priceHistoryHourlyAfterDays: number;
  priceHistoryDays: number;
  /** delivered/failed alerts (`alerts`: also the deduplication of alert ids) */
  alertDays: number;
  /** risk rejections still waiting for their summary */
  rejectionDays: number;
  signalDays: number;
  riskDecisionDays: number;
  /** market_analysis and market_microstructure */
  analysisDays: number;
  /** stage_timings (the profiler's per-stage cycle timings) */
  stageTimingDays: number;
}

/** The storage section's retention keys, as the config declares them (structural: persistence does not import platform). */
export interface StorageRetentionKeys {
  snapshot_retention_days: number;
  price_history_hourly_after_days?: number;
  price_history_retention_days?: number;
  alert_retention_days?: number;
  rejection_retention_days?: number;
  signal_retention_days?: number;
  risk_decision_retention_days?: number;
  analysis_retention_days?: number;
  stage_timing_retention_days?: number;
  retention_batch_size?: number;
}

/** `optimizeDatabase` options from `config.storage`: `optimizeDatabase(ds, retentionOptions(config.storage))`. */
export function retentionOptions(storage: StorageRetentionKeys): { retentionDays: number; retention: Partial<RetentionPolicy>; batchSize?: number } {
  return {
    retentionDays: storage.snapshot_retention_days,
    retention: {
      priceHistoryHourlyAfterDays: storage.price_history_hourly_after_days,
      priceHistoryDays: storage.price_history_retention_days,
      alertDays: storage.alert_retention_days,
      rejectionDays: storage.rejection_retention_days,
      signalDays: storage.signal_retention_days,
      riskDecisionDays: storage.risk_decision_retention_days,
      analysisDays: storage.analysis_retention_days,
      stageTimingDays: storage.stage_timing_retention_days,
    },
    batchSize: storage.retention_batch_size,
  };
}

export interface RetentionDeleted {
  snapshots: number;
  books: number;
  hypeScores: number;
  newsItems: number;
  qualityIssues: number;
  summarizedRejections: number;
  waitingRejections: number;
  alerts: number;
  signals: number;
  riskDecisions: number;
  analyses: number;
  microstructure: number;
  /** points removed by thinning to one per hour */
  priceHistoryThinned: number;
  priceHistory: number;
  stageTimings: number;
  hypeScoreVersions: number;
  marketVersions: number;
}

export interface BatchOptions {
  /** rows deleted per transaction (each batch is one short write transaction) */
  batchSize: number;
  /** pause between batches so another process gets the SQLite write lock */
  pauseMs: number;
}

/** One retention rule: rows of `table` matching `where` (with `?` for the cutoff values) go. */
interface Rule {
  key: keyof RetentionDeleted;
  table: string;
  /** the primary key columns: the cursor of the batches */
  keys: string[];
  where: string;
  params: unknown[];
}

const DAY_MS = 86_400_000;
const iso = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
const epochS = (now: Date, days: number) => Math.floor((now.getTime() - days * DAY_MS) / 1000);

/** The rules in the order they run; a rule whose days are 0 or undefined is left out. */
export function retentionRules(policy: Partial<RetentionPolicy>, now: Date): Rule[] {
  const rules: Rule[] = [];
  const on = (days: number | undefined): days is number => days !== undefined && days > 0;
  if (on(policy.snapshotDays)) {
    const c = iso(now, policy.snapshotDays);
    rules.push(
      { key: 'snapshots', table: 'market_snapshots', keys: ['cycle_id', 'market_id'], where: 'ts < ?', params: [c] },
      { key: 'books', table: 'book_summaries', keys: ['cycle_id', 'token_id'], where: 'ts < ?', params: [c] },
      { key: 'hypeScores', table: 'hype_scores', keys: ['market_id', 'interval_start'], where: 'interval_start < ?', params: [c] },
      { key: 'hypeScoreVersions', table: 'hype_score_versions', keys: ['id'], where: 'interval_start < ?', params: [c] },
      {
        key: 'marketVersions', table: 'market_versions', keys: ['id'], params: [c, c],
        where: 'observed_at < ? AND EXISTS (SELECT 1 FROM market_versions n WHERE n.market_id = market_versions.market_id AND n.observed_at <= ? AND n.id > market_versions.id)',
      },
      { key: 'newsItems', table: 'news_items', keys: ['guid'], where: 'fetched_at < ?', params: [c] },
      { key: 'qualityIssues', table: 'quality_issues', keys: ['market_id', 'cycle_id', 'kind'], where: 'ts < ?', params: [c] },
      { key: 'summarizedRejections', table: 'alert_rejections', keys: ['event_id'], where: 'summary_id IS NOT NULL AND ts < ?', params: [c] },
    );
  }
  if (on(policy.rejectionDays)) {
    rules.push({ key: 'waitingRejections', table: 'alert_rejections', keys: ['event_id'], where: 'summary_id IS NULL AND ts < ?', params: [iso(now, policy.rejectionDays)] });
  }
  if (on(policy.alertDays)) rules.push({ key: 'alerts', table: 'alerts', keys: ['alert_id'], where: 'ts < ?', params: [iso(now, policy.alertDays)] });
  if (on(policy.signalDays)) {
    rules.push({
      key: 'signals', table: 'signals', keys: ['id'], params: [iso(now, policy.signalDays)],
      where: 'ts < ? AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.signal_id = signals.id)',
    });
  }
  if (on(policy.riskDecisionDays)) {
    rules.push({
      key: 'riskDecisions', table: 'risk_decisions', keys: ['signal_id'], params: [iso(now, policy.riskDecisionDays)],
      where: 'ts < ? AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.signal_id = risk_decisions.signal_id)',
    });
  }
  if (on(policy.analysisDays)) {
    const c = iso(now, policy.analysisDays);
    rules.push(
      {
        key: 'analyses', table: 'market_analysis', keys: ['run_id', 'market_id'], params: [c],
        where: 'ts < ? AND EXISTS (SELECT 1 FROM market_analysis n WHERE n.market_id = market_analysis.market_id AND n.ts > market_analysis.ts)',
      },
      {
        key: 'microstructure', table: 'market_microstructure', keys: ['run_id', 'token_id'], params: [c],
        where: 'ts < ? AND EXISTS (SELECT 1 FROM market_microstructure n WHERE n.token_id = market_microstructure.token_id AND n.ts > market_microstructure.ts)',
      },
    );
  }
  if (on(policy.stageTimingDays)) {
    rules.push({ key: 'stageTimings', table: 'stage_timings', keys: ['service', 'cycle', 'cycle_id', 'stage'], where: 'started_at < ?', params: [iso(now, policy.stageTimingDays)] });
  }
  if (on(policy.priceHistoryDays)) {
    rules.push({
      key: 'priceHistory', table: 'price_history', keys: ['token_id', 't'], params: [epochS(now, policy.priceHistoryDays)],
      where: 't < ? AND NOT EXISTS (SELECT 1 FROM positions p WHERE p.token_id = price_history.token_id)',
    });
  }
  if (on(policy.priceHistoryHourlyAfterDays) && !(on(policy.priceHistoryDays) && policy.priceHistoryHourlyAfterDays >= policy.priceHistoryDays)) {
    // a point goes when an earlier point of the same token lies in its UTC hour: the earliest of each hour stays
    rules.push({
      key: 'priceHistoryThinned', table: 'price_history', keys: ['token_id', 't'], params: [epochS(now, policy.priceHistoryHourlyAfterDays)],
      where: 't < ? AND EXISTS (SELECT 1 FROM price_history e WHERE e.token_id = price_history.token_id ' +
        'AND e.t >= price_history.t - (price_history.t % 3600) AND e.t < price_history.t)',
    });
  }
  return rules;
}

/** Applies the policy, batch by batch; counts per rule (0 for a rule not applied). */
export async function applyRetention(ds: DataSource, policy: Partial<RetentionPolicy>, now: Date, batch: BatchOptions): Promise<RetentionDeleted> {
  const deleted: RetentionDeleted = {
    snapshots: 0, books: 0, hypeScores: 0, newsItems: 0, qualityIssues: 0, summarizedRejections: 0, waitingRejections: 0,
    alerts: 0, signals: 0, riskDecisions: 0, analyses: 0, microstructure: 0, priceHistoryThinned: 0, priceHistory: 0, stageTimings: 0,
    hypeScoreVersions: 0, marketVersions: 0,
  };
  for (const rule of retentionRules(policy, now)) deleted[rule.key] += await deleteInBatches(ds, rule, batch);
  return deleted;
}

/**
 * Deletes the rows matching the rule in primary-key order, at most `batchSize` per transaction: a read
 * (no write lock) finds the next `batchSize` matching keys after the cursor, then one short write
 * transaction deletes the matching rows of that key range. Walking the key keeps the total work linear
 * even where most old rows are kept (thinning keeps one point an hour; referenced decisions stay).
 */
export async function deleteInBatches(ds: DataSource, rule: Omit<Rule, 'key'>, batch: BatchOptions): Promise<number> {
  const engine = engineOfDataSource(ds);
  const keyList = rule.keys.map((k) => `"${k}"`).join(', ');
  const tuple = (n: number) => `(${Array(n).fill('?').join(', ')})`;
  const limit = Math.max(1, Math.floor(batch.batchSize));
  let cursor: unknown[] | undefined;
  let total = 0;
  for (;;) {
    const after = cursor ? ` AND (${keyList}) > ${tuple(rule.keys.length)}` : '';
    const find = `SELECT ${keyList} FROM ${rule.table} WHERE (${rule.where})${after} ORDER BY ${keyList} LIMIT ${limit}`;
    const rows = await withRunner(ds, async (runner) => (await execute(runner, numbered(engine, find), [...rule.params, ...(cursor ?? [])])).rows);
    if (rows.length === 0) break;
    const first = rule.keys.map((k) => rows[0][k]);
    const last = rule.keys.map((k) => rows[rows.length - 1][k]);
    const range = ` AND (${keyList}) >= ${tuple(rule.keys.length)} AND (${keyList}) <= ${tuple(rule.keys.length)}`;
    const remove = `DELETE FROM ${rule.table} WHERE (${rule.where})${range}`;
    total += await withTransaction(ds, async (runner) => (await execute(runner, numbered(engine, remove), [...rule.params, ...first, ...last])).affected);
    if (rows.length < limit) break;
    cursor = last;
    await pause(batch.pauseMs);
  }
  return total;
}

/** `?` → `$1, $2, …` on PostgreSQL (the rules hold no `?` inside literals). */
function numbered(engine: Engine, sql: string): string {
  if (engine !== 'postgres') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
}
