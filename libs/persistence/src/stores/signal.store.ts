import type { DataSource } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import { execute, withRunner, withTransaction } from '../sql/exclusive';
import { placeholders, Upsert } from '../sql/upsert';
import { chunk, num, readJson, readNum, readNumOrNull, toIso } from '../sql/values';

export const SIGNAL_STATUSES = ['published', 'suppressed', 'halted', 'failed'] as const;
/** published: on the bus; suppressed: sized to 0 (note: which cap); halted: due while the kill switch was on; failed: the bus refused it */
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];
export const SIGNAL_STRENGTHS = ['WEAK', 'MODERATE', 'STRONG'] as const;
export type SignalStrengthName = (typeof SIGNAL_STRENGTHS)[number];

/** One journaled signal (docs/signals.md). */
export interface SignalRecord {
  /** the signal.generated event id */
  id: string;
  marketId: string;
  outcome: string;
  tokenId: string;
  side: 'BUY' | 'SELL';
  price: number;
  strength: SignalStrengthName;
  confidence: number;
  /** shares */
  size: number;
  reasons: string[];
  ts: string;
  status: SignalStatus;
  note: string | null;
  /** USDC committed at `price` */
  stake: number | null;
  sector: string | null;
}

export interface SignalQuery {
  /** Default: published only; 'all' for every status. */
  status?: SignalStatus | 'all';
  marketId?: string;
  /** ts ≥ since (ISO) */
  since?: string;
  /** Default 50. */
  limit?: number;
}

const COLUMNS = ['id', 'market_id', 'outcome', 'token_id', 'side', 'price', 'strength', 'confidence', 'size', 'reasons', 'ts', 'status', 'note', 'stake', 'sector'] as const;
const IDS_PER_QUERY = 500;

/**
 * The signals journal: every signal the rules produced, with what became of it. Saving the same id again
 * updates it (a signal journaled before its publish can be marked failed). Only published signals count
 * for the per-market cooldown.
 */
export class SignalStore {
  private readonly engine: Engine;
  private readonly upsert: Upsert;

  constructor(private readonly ds: DataSource) {
    this.engine = engineOfDataSource(ds);
    this.upsert = new Upsert(this.engine, { table: 'signals', columns: COLUMNS, conflict: ['id'], update: COLUMNS.slice(1) });
  }

  /** Upserts by id, all or nothing. Returns rows written. */
  async save(records: readonly SignalRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    let rows: unknown[][];
    try {
      rows = records.map((r) => {
        const strength = SIGNAL_STRENGTHS.indexOf(r.strength);
        if (strength < 0) throw new PersistenceError(`signal ${r.id}: invalid strength ${JSON.stringify(r.strength)}`);
        if (!SIGNAL_STATUSES.includes(r.status)) throw new PersistenceError(`signal ${r.id}: invalid status ${JSON.stringify(r.status)}`);
        if (r.side !== 'BUY' && r.side !== 'SELL') throw new PersistenceError(`signal ${r.id}: invalid side ${JSON.stringify(r.side)}`);
        return [
          r.id, r.marketId, r.outcome, r.tokenId, r.side, num(r.price), strength + 1, num(r.confidence), num(r.size), JSON.stringify(r.reasons),
          toIso(r.ts, `signal ${r.id} ts`), r.status, r.note, num(r.stake), r.sector,
        ];
      });
    } catch (err) {
      throw new PersistenceError(`signals not saved: ${messageOf(err)}`, { cause: err });
    }
    try {
      return await withTransaction(this.ds, (runner) => this.upsert.run(runner, rows));
    } catch (err) {
      throw new PersistenceError(`signals not saved (rolled back): ${messageOf(err)}`, { cause: err });
    }
  }

  /** Per market (all, or of `marketIds`): the ts of its newest published signal — what the cooldown reads. */
  async lastSignalTimes(marketIds?: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const parts = marketIds === undefined ? [null] : chunk([...new Set(marketIds)].sort(), IDS_PER_QUERY);
    for (const ids of parts) {
      if (ids !== null && ids.length === 0) continue;
      const filter = ids === null ? '' : ` AND market_id IN (${placeholders(this.engine, ids.length, 1)})`;
      const sql = `SELECT market_id, MAX(ts) AS ts FROM signals WHERE status = ${this.p(1)}${filter} GROUP BY market_id`;
      const rows = await this.select(sql, ['published', ...(ids ?? [])]);
      for (const r of rows) out.set(String(r.market_id), String(r.ts));
    }
    return out;
  }

  /** How many signals of this status (published by default) were journaled at or after `since`. */
  async countSince(since: string, status: SignalStatus = 'published'): Promise<number> {
    const rows = await this.select(`SELECT COUNT(*) AS n FROM signals WHERE status = ${this.p(1)} AND ts >= ${this.p(2)}`, [status, toIso(since, 'since')]);
    return Number(rows[0].n);
  }

  /** Newest first. */
  async recent(query: SignalQuery = {}): Promise<SignalRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', this.p(params.length)));
    };
    const status = query.status ?? 'published';
    if (status !== 'all') add('status = ?', status);
    if (query.marketId !== undefined) add('market_id = ?', query.marketId);
    if (query.since !== undefined) add('ts >= ?', toIso(query.since, 'since'));
    params.push(Math.max(1, Math.floor(query.limit ?? 50)));
    const sql = `SELECT ${COLUMNS.join(', ')} FROM signals ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ts DESC, id LIMIT ${this.p(params.length)}`;
    return (await this.select(sql, params)).map(toRecord);
  }

  private select(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    return withRunner(this.ds, async (runner) => (await execute(runner, sql, params)).rows);
  }

  private p(n: number): string {
    return this.engine === 'postgres' ? `$${n}` : '?';
  }
}

function toRecord(r: Record<string, unknown>): SignalRecord {
  return {
    id: String(r.id), marketId: String(r.market_id), outcome: String(r.outcome), tokenId: String(r.token_id), side: String(r.side) as 'BUY' | 'SELL',
    price: readNum(r.price), strength: SIGNAL_STRENGTHS[readNum(r.strength) - 1] ?? 'WEAK', confidence: readNum(r.confidence), size: readNum(r.size),
    reasons: readJson<string[]>(r.reasons, []), ts: String(r.ts), status: String(r.status) as SignalStatus,
    note: r.note === null || r.note === undefined ? null : String(r.note), stake: readNumOrNull(r.stake),
    sector: r.sector === null || r.sector === undefined ? null : String(r.sector),
  };
}
