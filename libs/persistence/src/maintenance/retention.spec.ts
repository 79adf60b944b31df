import type { Engine } from '../engine';
import { createTestDatabase, type TestDatabase } from '../testing';
import { optimizeDatabase } from './optimize-database';
import { applyRetention, deleteInBatches, retentionOptions } from './retention';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const DAY_MS = 86_400_000;
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY_MS).toISOString();
const epochDaysAgo = (d: number) => Math.floor((NOW.getTime() - d * DAY_MS) / 1000);

describe.each<Engine>(['sqlite', 'postgres'])('retention (%s)', (engine) => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
  });
  afterEach(() => db?.drop());

  async function insert(table: string, row: Record<string, unknown>): Promise<void> {
    const cols = Object.keys(row);
    const ph = cols.map((_, i) => (engine === 'postgres' ? `$${i + 1}` : '?')).join(', ');
    await db.ds.query(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${ph})`, Object.values(row));
  }
  const ids = async (sql: string): Promise<string[]> => ((await db.ds.query(sql)) as Record<string, unknown>[]).map((r) => String(Object.values(r)[0]));

  const market = (id: string) => insert('markets', {
    id, condition_id: `c-${id}`, slug: id, question: '?', category: null, tags: '[]', end_date: null, active: true, closed: false,
    outcomes: '["Yes","No"]', token_ids: `["${id}-yes","${id}-no"]`, first_seen_at: daysAgo(400), updated_at: daysAgo(0),
  });
  const signal = (id: string, ageDays: number) => insert('signals', {
    id, market_id: 'm1', outcome: 'Yes', token_id: 'm1-yes', side: 'BUY', price: 0.5, strength: 1, confidence: 0.5, size: 10, reasons: '[]',
    ts: daysAgo(ageDays), status: 'published',
  });
  const decision = (signalId: string, ageDays: number) => insert('risk_decisions', {
    signal_id: signalId, decision: 'rejected', market_id: 'm1', trading_state: 'ACTIVE', reasons: '[]', size: null, ts: daysAgo(ageDays), signal: null,
  });
  const order = (orderId: string, signalId: string | null, tradeId: string, ageDays: number) => insert('orders', {
    order_id: orderId, signal_id: signalId, trade_id: tradeId, market_id: 'm1', token_id: 'm1-yes', side: 'BUY', intent: 'open', trigger: 'signal',
    requested_notional: 5, requested_size: 10, filled_size: 10, avg_price: 0.5, notional: 5, fees: 0, realized_pnl: 0, status: 'filled', fills: '[]',
    error: null, mode: 'paper', ts: daysAgo(ageDays),
  });
  const position = (tokenId: string, tradeId: string) => insert('positions', {
    market_id: 'm1', token_id: tokenId, trade_id: tradeId, outcome: 'Yes', sector: null, side: 'BUY', size: 10, avg_price: 0.5, cost: 5,
    mark_price: null, marked_at: null, fees: 0, realized_pnl: 0, opened_at: daysAgo(300), updated_at: daysAgo(1),
  });
  const price = (tokenId: string, t: number) => insert('price_history', { token_id: tokenId, t, market_id: 'm1', price: 0.5 });

  it('should keep of old market versions only the newest at the cutoff, and every version after it', async () => {
    await market('m1'); // the trigger's first version: observed now (updated_at = daysAgo(0))
    await market('m2');
    const update = (id: string, closed: boolean, ageDays: number) =>
      db.ds.query(`UPDATE markets SET closed = ${engine === 'postgres' ? '$1' : '?'}, updated_at = ${engine === 'postgres' ? '$2' : '?'} WHERE id = ${engine === 'postgres' ? '$3' : '?'}`, [closed, daysAgo(ageDays), id]);
    await db.ds.query('DELETE FROM market_versions'); // the history below is built by the trigger alone
    for (const [closed, age] of [[true, 200], [false, 150], [true, 120], [false, 10]] as const) await update('m1', closed, age);
    await update('m2', true, 300); // one old version only: it is what was known of m2 at the cutoff
    const deleted = await applyRetention(db.ds, { snapshotDays: 90 }, NOW, { batchSize: 1, pauseMs: 0 });
    expect(deleted.marketVersions).toBe(2);
    const kept = (await db.ds.query('SELECT market_id, observed_at FROM market_versions ORDER BY market_id, observed_at')) as { market_id: string; observed_at: string }[];
    expect(kept.map((r) => [r.market_id, r.observed_at])).toEqual([['m1', daysAgo(120)], ['m1', daysAgo(10)], ['m2', daysAgo(300)]]);
  });

  it('should delete old signals and risk decisions but keep those an order refers to (open position or closed trade)', async () => {
    for (const [id, age] of [['s-old', 200], ['s-open', 300], ['s-closed', 250], ['s-new', 10]] as const) {
      await signal(id, age);
      await decision(id, age);
    }
    await order('o-open', 's-open', 'T-open', 300);
    await order('o-closed', 's-closed', 'T-closed', 250);
    await position('m1-yes', 'T-open');
    const deleted = await applyRetention(db.ds, { signalDays: 180, riskDecisionDays: 180 }, NOW, { batchSize: 1, pauseMs: 0 });
    expect(deleted).toMatchObject({ signals: 1, riskDecisions: 1 });
    expect(await ids('SELECT id FROM signals ORDER BY id')).toEqual(['s-closed', 's-new', 's-open']);
    expect(await ids('SELECT signal_id FROM risk_decisions ORDER BY signal_id')).toEqual(['s-closed', 's-new', 's-open']);
    expect(await ids('SELECT order_id FROM orders ORDER BY order_id')).toEqual(['o-closed', 'o-open']);
  });

  it('should delete old alerts and old rejections still waiting for their summary, keep recent ones', async () => {
    for (const [id, age] of [['a-old', 91], ['a-new', 89]] as const) {
      await insert('alerts', { alert_id: id, kind: 'signal', chat_id: '1', status: 'sent', attempts: 1, error: null, ts: daysAgo(age) });
    }
    for (const [id, age, summary] of [['r-old', 31, null], ['r-new', 29, null], ['r-summarized', 31, 'sum1']] as const) {
      await insert('alert_rejections', { event_id: id, market_id: 'm1', reasons: '[]', ts: daysAgo(age), summary_id: summary });
    }
    const deleted = await applyRetention(db.ds, { alertDays: 90, rejectionDays: 30 }, NOW, { batchSize: 100, pauseMs: 0 });
    expect(deleted).toMatchObject({ alerts: 1, waitingRejections: 1, summarizedRejections: 0 });
    expect(await ids('SELECT alert_id FROM alerts')).toEqual(['a-new']);
    // the summarized one goes with snapshot_retention_days (not set here)
    expect(await ids('SELECT event_id FROM alert_rejections ORDER BY event_id')).toEqual(['r-new', 'r-summarized']);
  });

  it("should delete old analysis rows but keep each market's and each token's newest", async () => {
    const analysis = (runId: string, marketId: string, age: number) => insert('market_analysis', {
      run_id: runId, market_id: marketId, ts: daysAgo(age), points: 100, hype_to_price_p: 0.01, hype_to_price_lag: 1, hype_to_price_f: 5,
      price_to_hype_p: 0.5, pearson: 0.3, rank: 1, results: '[]',
    });
    const micro = (runId: string, tokenId: string, age: number) => insert('market_microstructure', {
      run_id: runId, token_id: tokenId, market_id: 'm1', ts: daysAgo(age), spread: 1, mid: 0.5, depth: 100, imbalance: 0,
      realized_volatility: null, price_impact: null,
    });
    await analysis('r1', 'm1', 200); await analysis('r2', 'm1', 100); await analysis('r3', 'm1', 5);
    await analysis('r1', 'm2', 200); await analysis('r2', 'm2', 100); // m2 not analysed since: its newest stays
    await micro('r1', 't1', 200); await micro('r3', 't1', 5); await micro('r1', 't2', 200);
    const deleted = await applyRetention(db.ds, { analysisDays: 90 }, NOW, { batchSize: 1, pauseMs: 0 });
    expect(deleted).toMatchObject({ analyses: 3, microstructure: 1 });
    expect(await ids("SELECT run_id || '/' || market_id FROM market_analysis ORDER BY market_id, run_id")).toEqual(['r3/m1', 'r2/m2']);
    expect(await ids("SELECT run_id || '/' || token_id FROM market_microstructure ORDER BY token_id, run_id")).toEqual(['r3/t1', 'r1/t2']);
  });

  it('should thin old price history to the earliest point of each UTC hour and delete beyond the retention, except an open position\'s', async () => {
    await market('m1');
    await order('o1', null, 'T1', 300);
    await position('held', 'T1');
    const hour = Math.floor(epochDaysAgo(40) / 3600) * 3600; // an hour 40 days ago: thinned
    const recentHour = Math.floor(epochDaysAgo(10) / 3600) * 3600; // 10 days ago: untouched
    const ancient = epochDaysAgo(400); // beyond deletion
    for (const token of ['free', 'held']) {
      for (const t of [hour + 60, hour + 900, hour + 1800, hour + 3599, hour + 3600, hour + 3700, recentHour + 1, recentHour + 2, ancient, ancient + 1]) await price(token, t);
    }
    const deleted = await applyRetention(db.ds, { priceHistoryHourlyAfterDays: 30, priceHistoryDays: 365 }, NOW, { batchSize: 3, pauseMs: 0 });
    const points = async (token: string) => (await ids(`SELECT t FROM price_history WHERE token_id = '${token}' ORDER BY t`)).map(Number);
    // free: ancient points deleted; the 40-day-old hour keeps hour+60, the next hour keeps hour+3600; recent points all stay
    expect(await points('free')).toEqual([hour + 60, hour + 3600, recentHour + 1, recentHour + 2]);
    // held (open position): nothing deleted by age, old points still thinned (ancient + 1 shares ancient's hour unless it starts one)
    const ancientKept = Math.floor((ancient + 1) / 3600) === Math.floor(ancient / 3600) ? [ancient] : [ancient, ancient + 1];
    expect(await points('held')).toEqual([...ancientKept, hour + 60, hour + 3600, recentHour + 1, recentHour + 2]);
    expect(deleted.priceHistory).toBe(2);
    expect(deleted.priceHistoryThinned).toBe(4 + 4 + (2 - ancientKept.length));
  });

  it('should apply the config through optimizeDatabase, reporting every count, and keep everything at 0 days', async () => {
    await signal('s-old', 200);
    await insert('alerts', { alert_id: 'a-old', kind: 'signal', chat_id: '1', status: 'sent', attempts: 1, error: null, ts: daysAgo(100) });
    const keepAll = retentionOptions({
      snapshot_retention_days: 90, price_history_hourly_after_days: 0, price_history_retention_days: 0, alert_retention_days: 0,
      rejection_retention_days: 0, signal_retention_days: 0, risk_decision_retention_days: 0, analysis_retention_days: 0, retention_batch_size: 100,
    });
    expect((await optimizeDatabase(db.ds, { ...keepAll, now: NOW })).deleted).toMatchObject({ signals: 0, alerts: 0 });
    const defaults = retentionOptions({
      snapshot_retention_days: 90, price_history_hourly_after_days: 30, price_history_retention_days: 365, alert_retention_days: 90,
      rejection_retention_days: 30, signal_retention_days: 180, risk_decision_retention_days: 180, analysis_retention_days: 90, retention_batch_size: 2000,
    });
    const report = await optimizeDatabase(db.ds, { ...defaults, now: NOW });
    expect(report.deleted).toEqual({
      snapshots: 0, books: 0, hypeScores: 0, newsItems: 0, qualityIssues: 0, summarizedRejections: 0, waitingRejections: 0,
      alerts: 1, signals: 1, riskDecisions: 0, analyses: 0, microstructure: 0, priceHistoryThinned: 0, priceHistory: 0, stageTimings: 0,
      hypeScoreVersions: 0, marketVersions: 0,
    });
    await expect(optimizeDatabase(db.ds, { retentionDays: 90, retention: { alertDays: -1 } })).rejects.toThrow('alertDays must be a number ≥ 0, got -1');
  });

  it('should delete in batches of the given size, each its own transaction', async () => {
    for (let i = 0; i < 25; i++) await insert('alerts', { alert_id: `a${String(i).padStart(2, '0')}`, kind: 'k', chat_id: '1', status: 'sent', attempts: 1, error: null, ts: daysAgo(i % 2 ? 100 : 1) });
    // the SQLite driver hands out one cached runner: spy on each runner's query once
    const calls: { sql: string; params?: unknown[] }[] = [];
    const original = db.ds.createQueryRunner.bind(db.ds);
    const spy = jest.spyOn(db.ds, 'createQueryRunner').mockImplementation((...args) => {
      const runner = original(...args);
      if (!jest.isMockFunction(runner.query)) {
        const query = runner.query.bind(runner);
        jest.spyOn(runner, 'query').mockImplementation((sql: string, params?: unknown[], ...rest: unknown[]) => {
          calls.push({ sql, params });
          return (query as (...a: unknown[]) => Promise<never>)(sql, params, ...rest);
        });
      }
      return runner;
    });
    try {
      const n = await deleteInBatches(db.ds, { table: 'alerts', keys: ['alert_id'], where: 'ts < ?', params: [daysAgo(90)] }, { batchSize: 5, pauseMs: 0 });
      expect(n).toBe(12);
      const deletes = calls.filter(({ sql }) => /^DELETE/.test(sql));
      expect(deletes.map(({ params }) => params?.slice(1))).toEqual([['a01', 'a09'], ['a11', 'a19'], ['a21', 'a23']]); // 5 + 5 + 2
    } finally {
      spy.mockRestore();
    }
    expect(await ids('SELECT COUNT(*) AS n FROM alerts')).toEqual(['13']);
  });
});
