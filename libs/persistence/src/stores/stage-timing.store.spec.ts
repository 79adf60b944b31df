import type { Engine } from '../engine';
import { optimizeDatabase } from '../maintenance/optimize-database';
import { retentionOptions } from '../maintenance/retention';
import { createTestDatabase, type TestDatabase } from '../testing';
import { StageTimingRecord, StageTimingStore } from './stage-timing.store';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const DAY_MS = 86_400_000;
const daysAgo = (d: number, plusMs = 0) => new Date(NOW.getTime() - d * DAY_MS + plusMs).toISOString();

/** One cycle's rows as a service writes them: its stages and the total. */
function cycleRows(cycle: string, startedAt: string, stages: Record<string, number>, service = 'collector'): StageTimingRecord[] {
  const rows = Object.entries(stages).map(([stage, durationMs]): StageTimingRecord => ({ service, cycle, cycleId: startedAt, startedAt, stage, durationMs, outcome: 'ok' }));
  const total = Object.values(stages).reduce((a, b) => a + b, 0);
  return [...rows, { service, cycle, cycleId: startedAt, startedAt, stage: 'total', durationMs: total, outcome: 'ok' }];
}

describe.each<Engine>(['sqlite', 'postgres'])('StageTimingStore (%s)', (engine) => {
  let db: TestDatabase;
  let store: StageTimingStore;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    store = new StageTimingStore(db.ds);
  });
  afterEach(() => db?.drop());

  it('should store a cycle in one call, replace a rewritten cycle, and read the newest N cycles of each cycle name, oldest first', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await store.saveStageTimings(cycleRows('collection', daysAgo(1, i * 60_000), { 'fetch.gamma': 100 + i, persist: 10 }))).toBe(3);
    }
    await store.saveStageTimings(cycleRows('hype', daysAgo(1), { x: 50 }, 'hype'));
    // the same cycle written again (same key): replaced, not doubled
    await store.saveStageTimings(cycleRows('collection', daysAgo(1, 4 * 60_000), { 'fetch.gamma': 999, persist: 10 }));

    expect(await store.cycles()).toEqual(['collection', 'hype']);
    const last2 = await store.recent({ cycle: 'collection', lastCycles: 2 });
    expect(last2.filter((r) => r.stage === 'fetch.gamma').map((r) => r.durationMs)).toEqual([103, 999]);
    expect(last2).toHaveLength(6);
    expect(last2[0]).toEqual({ service: 'collector', cycle: 'collection', cycleId: daysAgo(1, 3 * 60_000), startedAt: daysAgo(1, 3 * 60_000), stage: 'fetch.gamma', durationMs: 103, outcome: 'ok' });
    const all = await store.recent({ lastCycles: 3 });
    expect(new Set(all.filter((r) => r.stage === 'total').map((r) => `${r.cycle}:${r.cycleId}`)).size).toBe(3 + 1);
  });

  it('should refuse a bad duration or time naming the row, and store nothing of that batch', async () => {
    const rows = cycleRows('collection', daysAgo(1), { parse: 5 });
    await expect(store.saveStageTimings([...rows, { ...rows[0], stage: 'persist', durationMs: Number.NaN }])).rejects.toThrow('stage timing collection.persist: durationMs must be a finite number ≥ 0, got NaN');
    await expect(store.saveStageTimings([{ ...rows[0], startedAt: 'yesterday' }])).rejects.toThrow('invalid stage timing startedAt: "yesterday"');
    expect(await store.cycles()).toEqual([]);
  });

  it('should age out rows older than storage.stage_timing_retention_days in the weekly maintenance, and keep them at 0', async () => {
    await store.saveStageTimings(cycleRows('collection', daysAgo(40), { parse: 1, persist: 2 }));
    await store.saveStageTimings(cycleRows('collection', daysAgo(10), { parse: 1, persist: 2 }));
    const storage = { snapshot_retention_days: 90, stage_timing_retention_days: 0 };
    expect((await optimizeDatabase(db.ds, { ...retentionOptions(storage), now: NOW })).deleted.stageTimings).toBe(0);
    expect(await store.recent({ lastCycles: 10 })).toHaveLength(6);

    const report = await optimizeDatabase(db.ds, { ...retentionOptions({ ...storage, stage_timing_retention_days: 30, retention_batch_size: 2 }), now: NOW });
    expect(report.deleted.stageTimings).toBe(3);
    expect((await store.recent({ lastCycles: 10 })).map((r) => r.startedAt)).toEqual([daysAgo(10), daysAgo(10), daysAgo(10)]);
  });
});
