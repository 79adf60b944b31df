import type { DataSource } from 'typeorm';
import { engineOfDataSource } from '../engine';
import type { MarketRecord } from '../records';
import { execute, withRunner } from '../sql/exclusive';
import { placeholders } from '../sql/upsert';
import { readBool, readJson, readNum, toIso } from '../sql/values';
import type { HypeScoreRecord } from '../stores/hype-score.store';

/** A market's fields as known from `observedAt` on (market_versions). */
export type MarketVersion = Pick<MarketRecord, 'question' | 'category' | 'tags' | 'endDate' | 'active' | 'closed' | 'outcomes' | 'tokenIds'> & {
  marketId: string;
  observedAt: string;
};

/** An interval's hype as known from `observedAt` on (hype_score_versions). */
export type HypeScoreVersion = HypeScoreRecord & { observedAt: string };

/** A price point with the time it was first stored. */
export interface ObservedPricePoint {
  tokenId: string;
  marketId: string;
  /** epoch seconds of the point */
  t: number;
  price: number;
  observedAt: string;
}

export interface ObservedRange {
  /** observed_at ≥ from (ISO) */
  from: string;
  /** observed_at < to (ISO) */
  to: string;
  /** only these markets (all when omitted) */
  marketIds?: readonly string[];
}

type Row = Record<string, unknown>;

async function select(ds: DataSource, table: string, range: ObservedRange, columns: string, order: string): Promise<Row[]> {
  const engine = engineOfDataSource(ds);
  const params: unknown[] = [toIso(range.from, 'from'), toIso(range.to, 'to')];
  const p = (i: number) => (engine === 'postgres' ? `$${i}` : '?');
  let where = `observed_at >= ${p(1)} AND observed_at < ${p(2)}`;
  if (range.marketIds) {
    if (range.marketIds.length === 0) return [];
    where += ` AND market_id IN (${placeholders(engine, range.marketIds.length, 2)})`;
    params.push(...range.marketIds);
  }
  return withRunner(ds, async (runner) => (await execute(runner, `SELECT ${columns} FROM ${table} WHERE ${where} ORDER BY ${order}`, params)).rows as Row[]);
}

/** Every market version observed in [from, to), in order of observation (ties: in order of writing). */
export async function marketVersions(ds: DataSource, range: ObservedRange): Promise<MarketVersion[]> {
  const rows = await select(ds, 'market_versions', range, '*', 'observed_at, id');
  return rows.map((r) => ({
    marketId: String(r.market_id), observedAt: String(r.observed_at), question: String(r.question), category: (r.category as string | null) ?? null,
    tags: readJson(r.tags, []), endDate: (r.end_date as string | null) ?? null, active: readBool(r.active), closed: readBool(r.closed),
    outcomes: readJson(r.outcomes, []), tokenIds: readJson(r.token_ids, []),
  }));
}

/** Every hype value observed in [from, to), in order of observation. */
export async function hypeScoreVersions(ds: DataSource, range: ObservedRange): Promise<HypeScoreVersion[]> {
  const rows = await select(ds, 'hype_score_versions', range, '*', 'observed_at, id');
  return rows.map((r) => ({
    marketId: String(r.market_id), intervalStart: String(r.interval_start), observedAt: String(r.observed_at), mentions: readNum(r.mentions),
    mentionsZ: readNum(r.mentions_z), velocity: readNum(r.velocity), sentiment: readNum(r.sentiment), hypeScore: readNum(r.hype_score),
  }));
}

/** Every price point first stored in [from, to), in order of observation, then token and time. */
export async function pricePointsObserved(ds: DataSource, range: ObservedRange): Promise<ObservedPricePoint[]> {
  const rows = await select(ds, 'price_history', range, 'token_id, market_id, t, price, observed_at', 'observed_at, token_id, t');
  return rows.map((r) => ({ tokenId: String(r.token_id), marketId: String(r.market_id), t: readNum(r.t), price: readNum(r.price), observedAt: String(r.observed_at) }));
}
