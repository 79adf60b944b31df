import type { DataSource } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import { execute, withRunner, withTransaction } from '../sql/exclusive';
import { placeholders, Upsert } from '../sql/upsert';
import { chunk, num, readJson, readNum, toIso, toIsoOrNull, writeJson } from '../sql/values';

/** A scored news article, matched to markets. Key: the feed's guid (or its link when it has none). */
export interface NewsItemRecord {
  guid: string;
  title: string;
  link: string;
  /** The feed URL it came from. */
  feed: string;
  /** As the feed says (ISO); null when it does not. */
  publishedAt: string | null;
  /** When the hype service first saw it (ISO). */
  fetchedAt: string;
  marketIds: string[];
  /** VADER compound, in [-1, 1]. */
  sentiment: number;
}

const IDS_PER_QUERY = 500;
const COLUMNS = ['guid', 'title', 'link', 'feed', 'published_at', 'fetched_at', 'market_ids', 'sentiment'] as const;

/**
 * News items, deduplicated by guid across cycles: the first sighting is kept (its fetched_at, its
 * market match), a repeat is ignored.
 */
export class NewsItemStore {
  private readonly engine: Engine;
  private readonly insert: Upsert;

  constructor(private readonly ds: DataSource) {
    this.engine = engineOfDataSource(ds);
    this.insert = new Upsert(this.engine, { table: 'news_items', columns: COLUMNS, conflict: ['guid'], update: [] });
  }

  /** Inserts the items not stored yet (by guid), in one transaction. Returns how many were new. */
  async save(items: readonly NewsItemRecord[]): Promise<number> {
    if (items.length === 0) return 0;
    let rows: unknown[][];
    try {
      rows = items.map((i) => [
        i.guid, i.title, i.link, i.feed, toIsoOrNull(i.publishedAt, 'news publishedAt'), toIso(i.fetchedAt, 'news fetchedAt'),
        writeJson(i.marketIds), num(i.sentiment),
      ]);
    } catch (err) {
      throw new PersistenceError(`news items not saved: ${messageOf(err)}`, { cause: err });
    }
    try {
      return await withTransaction(this.ds, (runner) => this.insert.run(runner, rows));
    } catch (err) {
      throw new PersistenceError(`news items not saved (rolled back): ${messageOf(err)}`, { cause: err });
    }
  }

  /** Of the given guids, those already stored. */
  async knownGuids(guids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunk([...new Set(guids)], IDS_PER_QUERY)) {
      const sql = `SELECT guid FROM news_items WHERE guid IN (${placeholders(this.engine, part.length)})`;
      const rows = await withRunner(this.ds, async (runner) => (await execute(runner, sql, part)).rows);
      for (const r of rows) out.add(String(r.guid));
    }
    return out;
  }

  /**
   * Items that may belong to time ≥ `from`: published at or after it, or without a publication time
   * and fetched at or after it. Oldest first (by publication, else fetch time), then guid.
   */
  async since(from: string): Promise<NewsItemRecord[]> {
    const iso = toIso(from, 'from');
    const [a, b] = this.engine === 'postgres' ? ['$1', '$2'] : ['?', '?'];
    const sql = `SELECT ${COLUMNS.join(', ')} FROM news_items WHERE published_at >= ${a} OR (published_at IS NULL AND fetched_at >= ${b}) ` +
      'ORDER BY COALESCE(published_at, fetched_at), guid';
    const rows = await withRunner(this.ds, async (runner) => (await execute(runner, sql, [iso, iso])).rows);
    return rows.map((r) => ({
      guid: String(r.guid), title: String(r.title), link: String(r.link), feed: String(r.feed),
      publishedAt: (r.published_at as string | null) ?? null, fetchedAt: String(r.fetched_at),
      marketIds: readJson<string[]>(r.market_ids, []), sentiment: readNum(r.sentiment),
    }));
  }
}
