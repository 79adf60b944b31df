import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDataSource, MarketStore, SQLITE_PRAGMAS, type CycleBatch, type MarketRecord, type SnapshotRecord } from '@polytrader/persistence';
import * as sqlite3 from 'sqlite3';

export interface SnapshotInsertResult {
  /** Snapshot rows written by each path. */
  rows: number;
  /** Seconds MarketStore.saveCycle took for all of them. */
  seconds: number;
  rowsPerSecond: number;
  /** The same rows through a plain prepared-statement loop on the raw sqlite3 driver, one transaction. */
  baselineRowsPerSecond: number;
  /** saveCycle calls: one per collection cycle, each also upserting every market. */
  cycles: number;
  markets: number;
}

const MARKETS = 1000;
const START_MS = Date.parse('2025-01-01T00:00:00.000Z');
const CYCLE_MS = 15 * 60_000;

function markets(): MarketRecord[] {
  return Array.from({ length: MARKETS }, (_, i) => ({
    id: `m${i}`, conditionId: `0x${i.toString(16).padStart(64, '0')}`, slug: `market-${i}`, question: `Will event ${i} happen?`,
    category: 'Politics', tags: ['Politics'], endDate: '2026-12-31T00:00:00.000Z', active: true, closed: false,
    outcomes: ['Yes', 'No'], tokenIds: [`${i}1`, `${i}2`],
  }));
}

/** `rows` snapshots as collection cycles of (at most) MARKETS markets each. */
export function snapshotCycles(rows: number): CycleBatch[] {
  const all = markets();
  const out: CycleBatch[] = [];
  for (let c = 0, left = rows; left > 0; c++, left -= MARKETS) {
    const cycleId = `cycle-${c}`;
    const ts = new Date(START_MS + c * CYCLE_MS).toISOString();
    const snapshots: SnapshotRecord[] = all.slice(0, Math.min(MARKETS, left)).map((m, i) => ({
      marketId: m.id, cycleId, ts, outcomePrices: [0.4 + (i % 10) / 100, 0.6 - (i % 10) / 100], volume24h: 10_000 + i, liquidity: 50_000 + c,
    }));
    out.push({ cycleId, ts, markets: all, snapshots, books: [], prices: [] });
  }
  return out;
}

function call(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((ok, fail) => db.exec(sql, (err) => (err ? fail(err) : ok())));
}

/** Raw driver: BEGIN, one prepared INSERT run per row, COMMIT — into the same schema, same pragmas. */
async function rawDriverInsert(file: string, batches: CycleBatch[]): Promise<number> {
  const db = await new Promise<sqlite3.Database>((ok, fail) => {
    const d = new sqlite3.Database(file, (err) => (err ? fail(err) : ok(d)));
  });
  try {
    await call(db, SQLITE_PRAGMAS.map((p) => `PRAGMA ${p};`).join(' '));
    const rows = batches.flatMap((b) => b.snapshots.map((s) => [
      s.marketId, b.cycleId, b.ts, JSON.stringify(s.outcomePrices), s.volume24h, s.liquidity, '[]',
    ]));
    const started = performance.now();
    await call(db, 'BEGIN');
    const stmt = db.prepare('INSERT INTO market_snapshots (market_id, cycle_id, ts, outcome_prices, volume_24h, liquidity, quality_flags) VALUES (?, ?, ?, ?, ?, ?, ?)');
    await new Promise<void>((ok, fail) => {
      let pending = rows.length;
      if (pending === 0) ok();
      for (const row of rows) stmt.run(row, (err: Error | null) => (err ? fail(err) : --pending === 0 && ok()));
    });
    await new Promise<void>((ok, fail) => stmt.finalize((err) => (err ? fail(err) : ok())));
    await call(db, 'COMMIT');
    return performance.now() - started;
  } finally {
    await new Promise<void>((ok) => db.close(() => ok()));
  }
}

/**
 * MarketStore.saveCycle on a temp SQLite file: `rows` snapshots spread over 1,000 markets, one
 * saveCycle per collection cycle (each also upserting the 1,000 markets, as the collector does),
 * against a baseline measured in the same run: the same snapshot rows through the raw sqlite3 driver.
 */
export async function snapshotInsertBench(rows = 50_000): Promise<SnapshotInsertResult> {
  const dir = mkdtempSync(join(tmpdir(), 'polytrader-bench-'));
  try {
    const batches = snapshotCycles(rows);
    const seed: CycleBatch = { cycleId: 'seed', ts: new Date(START_MS).toISOString(), markets: markets(), snapshots: [], books: [], prices: [] };

    const ours = await createDataSource({ url: join(dir, 'store.sqlite') });
    let ms = 0;
    try {
      const store = new MarketStore(ours);
      await store.saveCycle(seed);
      const started = performance.now();
      for (const batch of batches) await store.saveCycle(batch);
      ms = performance.now() - started;
    } finally {
      await ours.destroy();
    }

    const rawFile = join(dir, 'raw.sqlite');
    const raw = await createDataSource({ url: rawFile });
    try {
      await new MarketStore(raw).saveCycle(seed); // schema and markets (foreign keys) as in our path
    } finally {
      await raw.destroy();
    }
    const baselineMs = await rawDriverInsert(rawFile, batches);

    return {
      rows, seconds: ms / 1000, rowsPerSecond: rows / (ms / 1000), baselineRowsPerSecond: rows / (baselineMs / 1000), cycles: batches.length, markets: MARKETS,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
