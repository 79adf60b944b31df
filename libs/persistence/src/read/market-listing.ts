import type { DataSource } from 'typeorm';
import { engineOfDataSource } from '../engine';
import type { MarketRecord } from '../records';
import { execute, withRunner } from '../sql/exclusive';
import { toMarket } from '../stores/market.rows';

export const MARKET_SORTS = ['hype', 'volume', 'liquidity', 'end_date'] as const;
export type MarketSort = (typeof MARKET_SORTS)[number];
export const MARKET_STATUSES = ['active', 'closed', 'all'] as const;
export type MarketStatus = (typeof MARKET_STATUSES)[number];
export const MAX_MARKET_PAGE = 200;

export interface MarketListQuery {
  /** case-insensitive substring of the question or slug */
  q?: string;
  category?: string;
  status?: MarketStatus;
  sort?: MarketSort;
  limit?: number;
  /** the `next` of the previous page */
  cursor?: string;
}

export interface MarketListItem extends MarketRecord {
  volume24h: number | null;
  liquidity: number | null;
  hypeScore: number | null;
  lastSnapshotAt: string | null;
}

export interface MarketPage {
  items: MarketListItem[];
  /** pass as `cursor` for the next page; null on the last one */
  next: string | null;
}

/** A bad cursor is the caller's mistake (400), told apart from a database failure. */
export class InvalidCursorError extends Error {}

interface Cursor { k: number | string; id: string }

// NULLs sort last in both directions through a sentinel, so keyset paging needs no NULL logic
const NUMBER_FLOOR = -1e300;
const DATE_CEILING = '9999-12-31T23:59:59.999Z';

/**
 * One page of markets, with their latest volume, liquidity and hype. Keyset paging on (sort key, id):
 * stable while the collector writes, and every page costs the same however deep it is.
 */
export async function listMarkets(ds: DataSource, query: MarketListQuery = {}): Promise<MarketPage> {
  const engine = engineOfDataSource(ds);
  const sort = query.sort ?? 'hype';
  const limit = Math.min(Math.max(1, Math.floor(query.limit ?? 50)), MAX_MARKET_PAGE);
  const params: unknown[] = [];
  const p = (value: unknown): string => { params.push(value); return engine === 'postgres' ? `$${params.length}` : '?'; };
  const where: string[] = [];
  if (query.q) where.push(`(LOWER(m.question) LIKE ${p(`%${likeEscaped(query.q.toLowerCase())}%`)} ESCAPE '\\' OR LOWER(m.slug) LIKE ${p(`%${likeEscaped(query.q.toLowerCase())}%`)} ESCAPE '\\')`);
  if (query.category) where.push(`m.category = ${p(query.category)}`);
  const status = query.status ?? 'active';
  if (status === 'active') where.push(`m.active = ${p(true)} AND m.closed = ${p(false)}`);
  if (status === 'closed') where.push(`m.closed = ${p(true)}`);
  const ascending = sort === 'end_date';
  const after: string[] = [];
  if (query.cursor) {
    const c = decodeCursor(query.cursor, ascending);
    after.push(`(t.sort_key ${ascending ? '>' : '<'} ${p(c.k)} OR (t.sort_key = ${p(c.k)} AND t.id > ${p(c.id)}))`);
  }
  const sql = `SELECT * FROM (SELECT m.*, ${latestColumns()}, ${sortKey(sort)} AS sort_key FROM markets m ` +
    `${where.length ? `WHERE ${where.join(' AND ')}` : ''}) t ${after.length ? `WHERE ${after.join(' AND ')}` : ''} ` +
    `ORDER BY t.sort_key ${ascending ? 'ASC' : 'DESC'}, t.id ASC LIMIT ${p(limit + 1)}`;
  const rows = await withRunner(ds, async (runner) => (await execute(runner, sql, params)).rows);
  const items = rows.slice(0, limit).map(toItem);
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return { items, next: last ? encodeCursor({ k: keyOf(last.sort_key, ascending), id: String(last.id) }) : null };
}

function latestColumns(): string {
  const snap = (col: string) => `(SELECT s.${col} FROM market_snapshots s WHERE s.market_id = m.id ORDER BY s.ts DESC LIMIT 1)`;
  return [
    `${snap('volume_24h')} AS volume_24h`, `${snap('liquidity')} AS liquidity`, `${snap('ts')} AS last_snapshot_at`,
    '(SELECT h.hype_score FROM hype_scores h WHERE h.market_id = m.id ORDER BY h.interval_start DESC LIMIT 1) AS hype_score',
  ].join(', ');
}

function sortKey(sort: MarketSort): string {
  switch (sort) {
    case 'volume': return `COALESCE((SELECT s.volume_24h FROM market_snapshots s WHERE s.market_id = m.id ORDER BY s.ts DESC LIMIT 1), ${NUMBER_FLOOR})`;
    case 'liquidity': return `COALESCE((SELECT s.liquidity FROM market_snapshots s WHERE s.market_id = m.id ORDER BY s.ts DESC LIMIT 1), ${NUMBER_FLOOR})`;
    case 'hype': return `COALESCE((SELECT h.hype_score FROM hype_scores h WHERE h.market_id = m.id ORDER BY h.interval_start DESC LIMIT 1), ${NUMBER_FLOOR})`;
    case 'end_date': return `COALESCE(m.end_date, '${DATE_CEILING}')`;
  }
}

function toItem(r: Record<string, unknown>): MarketListItem {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    ...toMarket(r), volume24h: num(r.volume_24h), liquidity: num(r.liquidity), hypeScore: num(r.hype_score),
    lastSnapshotAt: (r.last_snapshot_at as string | null) ?? null,
  };
}

function likeEscaped(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function keyOf(v: unknown, isDate: boolean): number | string {
  return isDate ? String(v) : Number(v);
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string, isDate: boolean): Cursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(`cursor: not a cursor this API returned, got ${JSON.stringify(s)}`);
  }
  const ok = typeof c === 'object' && c !== null && typeof (c as Cursor).id === 'string' &&
    (isDate ? typeof (c as Cursor).k === 'string' : typeof (c as Cursor).k === 'number' && Number.isFinite((c as Cursor).k));
  if (!ok) throw new InvalidCursorError(`cursor: not a cursor of this sort, got ${JSON.stringify(s)}`);
  return c as Cursor;
}

