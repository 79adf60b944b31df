import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import type { BookSummaryRecord, CycleBatch, MarketRecord, MarketTable, PricePointRecord, SaveCycleResult, SnapshotRecord } from '../records';
import { execute, withRunner, withTransaction } from '../sql/exclusive';
import { placeholders, Upsert } from '../sql/upsert';
import { chunk, readJson, readNum, toIso as normalizeIso } from '../sql/values';
import {
  BOOK_UPSERT, bookRow, MARKET_UPSERT, marketRow, PRICE_INSERT, priceRow, SNAPSHOT_UPSERT, snapshotRow, toBook, toMarket, toPricePoint, toSnapshot,
} from './market.rows';

const MARKET_TABLES: readonly MarketTable[] = ['markets', 'market_snapshots', 'book_summaries', 'price_history'];
const SNAPSHOT_COLUMNS = 's.market_id, s.cycle_id, s.ts, s.outcome_prices, s.volume_24h, s.liquidity, s.quality_flags';
/** IN (…) lists are split so no statement binds more than this many ids. */
const IDS_PER_QUERY = 500;
const FLAG_RETRIES = 20;

/**
 * Markets and what the collector records about them each cycle: snapshots, book summaries, price
 * history. Writes are batched, idempotent upserts, one transaction per cycle.
 */
export class MarketStore {
  private readonly engine: Engine;
  private readonly marketUpsert: Upsert;
  private readonly snapshotUpsert: Upsert;
  private readonly bookUpsert: Upsert;
  private readonly priceInsert: Upsert;

  constructor(private readonly ds: DataSource) {
    this.engine = engineOfDataSource(ds);
    this.marketUpsert = new Upsert(this.engine, MARKET_UPSERT);
    this.snapshotUpsert = new Upsert(this.engine, SNAPSHOT_UPSERT);
    this.bookUpsert = new Upsert(this.engine, BOOK_UPSERT);
    this.priceInsert = new Upsert(this.engine, PRICE_INSERT);
  }

  /**
   * Writes one cycle in ONE transaction — all of it or (on any error) none of it. Idempotent: markets
   * are upserted by id (first_seen_at kept, updated_at = batch ts), snapshots by (cycle_id, market_id),
   * books by (cycle_id, token_id); existing price points (token_id, t) are left alone. Multi-row
   * statements of CHUNK_ROWS rows.
   */
  async saveCycle(batch: CycleBatch): Promise<SaveCycleResult> {
    const started = performance.now();
    let ts: string;
    let rows: { markets: unknown[][]; snapshots: unknown[][]; books: unknown[][]; prices: unknown[][] };
    try {
      ts = normalizeIso(batch.ts, 'cycle ts');
      const context = { cycleId: batch.cycleId, ts };
      rows = {
        markets: batch.markets.map((m) => marketRow(m, ts)),
        snapshots: batch.snapshots.map((s) => snapshotRow(s, context)),
        books: batch.books.map((b) => bookRow(b, context)),
        prices: batch.prices.map((p) => priceRow(p, ts)),
      };
    } catch (err) {
      throw new PersistenceError(`cycle ${batch.cycleId} not saved: ${messageOf(err)}`, { cause: err });
    }
    try {
      const counts = await withTransaction(this.ds, async (runner) => ({
        markets: await this.marketUpsert.run(runner, rows.markets),
        snapshots: await this.snapshotUpsert.run(runner, rows.snapshots),
        books: await this.bookUpsert.run(runner, rows.books),
        prices: await this.priceInsert.run(runner, rows.prices),
      }));
      return { ...counts, durationMs: performance.now() - started };
    } catch (err) {
      throw new PersistenceError(`cycle ${batch.cycleId} not saved (rolled back): ${messageOf(err)}`, { cause: err });
    }
  }

  async marketIds(): Promise<string[]> {
    const rows = await this.select('SELECT id FROM markets ORDER BY id');
    return rows.map((r) => String(r.id));
  }

  /** Markets by id (all when `ids` is omitted), ordered by id. */
  async markets(ids?: readonly string[]): Promise<MarketRecord[]> {
    const rows = await this.selectByIds('SELECT * FROM markets m', [], 'ORDER BY m.id', ids);
    return rows.map(toMarket);
  }

  async countRows(): Promise<Record<MarketTable, number>> {
    const sql = MARKET_TABLES.map((t) => `SELECT '${t}' AS name, COUNT(*) AS n FROM ${t}`).join(' UNION ALL ');
    const rows = await this.select(sql);
    return Object.fromEntries(rows.map((r) => [String(r.name), readNum(r.n)])) as Record<MarketTable, number>;
  }

  /**
   * The `limitPerMarket` newest snapshots of each market (or of `marketIds`), ordered by market id,
   * then newest first. Driven market by market through the (market_id, ts) index on both engines.
   */
  async latestSnapshots(limitPerMarket: number, marketIds?: readonly string[]): Promise<SnapshotRecord[]> {
    const limit = Math.floor(limitPerMarket);
    if (!(limit >= 1)) return [];
    const order = 'ORDER BY s.market_id, s.ts DESC, s.cycle_id DESC';
    const rows = this.engine === 'postgres'
      ? await this.selectByIds(
        `SELECT s.* FROM markets m CROSS JOIN LATERAL (SELECT ${SNAPSHOT_COLUMNS} FROM market_snapshots s WHERE s.market_id = m.id ` +
          'ORDER BY s.ts DESC, s.cycle_id DESC LIMIT $1) s', [], order, marketIds, [limit],
      )
      : await this.selectByIds(
        // CROSS JOIN fixes SQLite's join order: markets outside, then an index range per market
        `SELECT ${SNAPSHOT_COLUMNS} FROM markets m CROSS JOIN market_snapshots s`,
        ['s.market_id = m.id', "s.ts >= COALESCE((SELECT x.ts FROM market_snapshots x WHERE x.market_id = m.id ORDER BY x.ts DESC LIMIT 1 OFFSET ?), '')"],
        order, marketIds, [limit - 1],
      );
    const out: SnapshotRecord[] = [];
    let current = '';
    let taken = 0;
    for (const row of rows) {
      const snapshot = toSnapshot(row);
      if (snapshot.marketId !== current) [current, taken] = [snapshot.marketId, 0];
      if (taken++ < limit) out.push(snapshot); // SQLite: snapshots sharing a ts could let a few more through
    }
    return out;
  }

  /** Of the given token ids, those that already have price history (for the collector's backfill). */
  async tokensWithHistory(tokenIds: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunk([...new Set(tokenIds)], IDS_PER_QUERY)) {
      const rows = await this.select(`SELECT DISTINCT token_id FROM price_history WHERE token_id IN (${placeholders(this.engine, part.length)})`, part);
      for (const r of rows) out.add(String(r.token_id));
    }
    return out;
  }

  /** Snapshots of one market with fromIso ≤ ts ≤ toIso, oldest first. */
  async snapshotsBetween(marketId: string, fromIso: string, toIso: string): Promise<SnapshotRecord[]> {
    const [a, b, c] = this.engine === 'postgres' ? ['$1', '$2', '$3'] : ['?', '?', '?'];
    const rows = await this.select(
      `SELECT ${SNAPSHOT_COLUMNS} FROM market_snapshots s WHERE s.market_id = ${a} AND s.ts >= ${b} AND s.ts <= ${c} ORDER BY s.ts, s.cycle_id`,
      [marketId, normalizeIso(fromIso, 'fromIso'), normalizeIso(toIso, 'toIso')],
    );
    return rows.map(toSnapshot);
  }

  /** Price points of one token with fromT ≤ t ≤ toT (epoch seconds), oldest first. */
  async priceHistory(tokenId: string, fromT: number, toT: number): Promise<PricePointRecord[]> {
    const [a, b, c] = this.engine === 'postgres' ? ['$1', '$2', '$3'] : ['?', '?', '?'];
    const rows = await this.select(
      `SELECT token_id, market_id, t, price FROM price_history WHERE token_id = ${a} AND t >= ${b} AND t <= ${c} ORDER BY t`,
      [tokenId, Math.ceil(fromT), Math.floor(toT)],
    );
    return rows.map(toPricePoint);
  }

  /** For each market (or each of `marketIds`): the book summaries of its newest ts, ordered by market, token. */
  async latestBooks(marketIds?: readonly string[]): Promise<BookSummaryRecord[]> {
    const order = 'ORDER BY b.market_id, b.token_id';
    const rows = this.engine === 'postgres'
      ? await this.selectByIds(
        'SELECT b.* FROM markets m CROSS JOIN LATERAL (SELECT MAX(x.ts) AS ts FROM book_summaries x WHERE x.market_id = m.id) last ' +
          'JOIN book_summaries b ON b.market_id = m.id AND b.ts = last.ts', [], order, marketIds,
      )
      : await this.selectByIds(
        'SELECT b.* FROM markets m CROSS JOIN book_summaries b',
        ['b.market_id = m.id', 'b.ts = (SELECT MAX(x.ts) FROM book_summaries x WHERE x.market_id = m.id)'], order, marketIds,
      );
    return rows.map(toBook);
  }

  /**
   * Adds `flags` to one snapshot's quality flags (set union, order kept, nothing lost even when two
   * writers flag the same snapshot at once: compare-and-swap). Returns the new flags, or null when there
   * is no such snapshot.
   */
  async markSnapshotFlags(marketId: string, cycleId: string, flags: readonly string[]): Promise<string[] | null> {
    const p = this.engine === 'postgres' ? ['$1', '$2', '$3', '$4'] : ['?', '?', '?', '?'];
    for (let attempt = 0; attempt < FLAG_RETRIES; attempt++) {
      const result = await withRunner(this.ds, async (runner) => {
        const [row] = (await execute(runner, `SELECT quality_flags FROM market_snapshots WHERE market_id = ${p[0]} AND cycle_id = ${p[1]}`, [marketId, cycleId])).rows;
        if (!row) return { done: true, flags: null };
        const before = String(row.quality_flags);
        const merged = [...new Set([...readJson<string[]>(before, []), ...flags])];
        const after = JSON.stringify(merged);
        if (after === before) return { done: true, flags: merged };
        const { affected } = await execute(
          runner,
          `UPDATE market_snapshots SET quality_flags = ${p[0]} WHERE market_id = ${p[1]} AND cycle_id = ${p[2]} AND quality_flags = ${p[3]}`,
          [after, marketId, cycleId, before],
        );
        return { done: affected === 1, flags: merged };
      });
      if (result.done) return result.flags;
    }
    throw new PersistenceError(`could not flag snapshot ${marketId}/${cycleId}: it kept changing (${FLAG_RETRIES} attempts)`);
  }

  private select(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    return withRunner(this.ds, async (runner) => (await execute(runner, sql, params)).rows);
  }

  /** `select WHERE conditions [AND m.id IN (…)] tail`, split into several statements when there are many ids. */
  private async selectByIds(
    select: string, conditions: string[], tail: string, ids: readonly string[] | undefined, params: unknown[] = [],
  ): Promise<Record<string, unknown>[]> {
    const where = (extra: string[]) => (extra.length ? `WHERE ${extra.join(' AND ')}` : '');
    if (ids === undefined) return this.select(`${select} ${where(conditions)} ${tail}`, params);
    const out: Record<string, unknown>[] = [];
    for (const part of chunk([...new Set(ids)].sort(), IDS_PER_QUERY)) {
      const inList = `m.id IN (${placeholders(this.engine, part.length, params.length)})`;
      out.push(...(await this.select(`${select} ${where([...conditions, inList])} ${tail}`, [...params, ...part])));
    }
    return out;
  }
}
