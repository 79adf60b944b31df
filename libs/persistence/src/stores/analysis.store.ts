import type { DataSource } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import { execute, withRunner, withTransaction } from '../sql/exclusive';
import { placeholders, Upsert } from '../sql/upsert';
import { chunk, num, readNum, readNumOrNull, toIso } from '../sql/values';

/** One market's result in one analysis run (see docs/analysis.md). */
export interface MarketAnalysisRecord {
  runId: string;
  marketId: string;
  /** ISO time of the run. */
  ts: string;
  /** Aligned points the tests ran on. */
  points: number;
  /** Smallest BH-adjusted p over lags 1..L, hype → price. */
  hypeToPriceP: number;
  /** The lag of that smallest p. */
  hypeToPriceLag: number;
  /** The F statistic at that lag. */
  hypeToPriceF: number;
  /** Smallest BH-adjusted p over lags, price → hype. */
  priceToHypeP: number;
  /** Pearson of the cause at t with the price change at t+1. */
  pearson: number;
  /** 1 = strongest hype → price evidence in the run. */
  rank: number;
  /** Per lag, both directions (JSON-serializable). */
  results: unknown;
}

/** One outcome token's order-book microstructure in one run (see docs/analysis.md). */
export interface MicrostructureRecord {
  runId: string;
  marketId: string;
  tokenId: string;
  ts: string;
  spread: number;
  mid: number;
  /** Bid + ask size (shares) within analysis.depth_bps of mid. */
  depth: number;
  /** (bid − ask) / (bid + ask) within that band, in [-1, 1]. */
  imbalance: number;
  /** NaN when fewer than two returns were available (stored as NULL). */
  realizedVolatility: number;
  /** NaN when the side walked is empty (stored as NULL). */
  priceImpact: number;
}

const IDS_PER_QUERY = 500;
export const ANALYSIS_COLUMNS = [
  'run_id', 'market_id', 'ts', 'points', 'hype_to_price_p', 'hype_to_price_lag', 'hype_to_price_f', 'price_to_hype_p', 'pearson', 'rank', 'results',
] as const;
const MICRO_COLUMNS = ['run_id', 'token_id', 'market_id', 'ts', 'spread', 'mid', 'depth', 'imbalance', 'realized_volatility', 'price_impact'] as const;

/**
 * The analyzer's results: tables market_analysis (per run and market) and market_microstructure
 * (per run and token). A run is written in one transaction; saving the same run again replaces its rows.
 * Readers (signals, gateway, CLI) ask for each market's newest result.
 */
export class AnalysisStore {
  private readonly engine: Engine;
  private readonly markets: Upsert;
  private readonly micro: Upsert;

  constructor(private readonly ds: DataSource) {
    this.engine = engineOfDataSource(ds);
    this.markets = new Upsert(this.engine, { table: 'market_analysis', columns: ANALYSIS_COLUMNS, conflict: ['run_id', 'market_id'], update: ANALYSIS_COLUMNS.slice(2) });
    this.micro = new Upsert(this.engine, { table: 'market_microstructure', columns: MICRO_COLUMNS, conflict: ['run_id', 'token_id'], update: MICRO_COLUMNS.slice(2) });
  }

  /** Writes one run, all or nothing. Every record must carry this runId and ts. */
  async saveRun(runId: string, ts: string, markets: readonly MarketAnalysisRecord[], micro: readonly MicrostructureRecord[]): Promise<void> {
    let marketRows: unknown[][];
    let microRows: unknown[][];
    try {
      if (typeof runId !== 'string' || runId === '') throw new PersistenceError(`invalid runId: ${JSON.stringify(runId)}`);
      const at = toIso(ts, 'analysis ts');
      const check = (r: { runId: string; ts: string }, what: string) => {
        if (r.runId !== runId) throw new PersistenceError(`${what} runId ${JSON.stringify(r.runId)} is not the run's ${JSON.stringify(runId)}`);
        if (toIso(r.ts, `${what} ts`) !== at) throw new PersistenceError(`${what} ts ${JSON.stringify(r.ts)} is not the run's ${at}`);
      };
      marketRows = markets.map((m) => {
        check(m, `market ${m.marketId}`);
        return [
          runId, m.marketId, at, int(m.points), num(m.hypeToPriceP), int(m.hypeToPriceLag), num(m.hypeToPriceF), num(m.priceToHypeP),
          num(m.pearson), int(m.rank), JSON.stringify(m.results ?? null),
        ];
      });
      microRows = micro.map((r) => {
        check(r, `token ${r.tokenId}`);
        return [runId, r.tokenId, r.marketId, at, num(r.spread), num(r.mid), num(r.depth), num(r.imbalance), num(r.realizedVolatility), num(r.priceImpact)];
      });
    } catch (err) {
      throw new PersistenceError(`analysis run not saved: ${messageOf(err)}`, { cause: err });
    }
    try {
      await withTransaction(this.ds, async (runner) => {
        await this.markets.run(runner, marketRows);
        await this.micro.run(runner, microRows);
      });
    } catch (err) {
      throw new PersistenceError(`analysis run ${runId} not saved (rolled back): ${messageOf(err)}`, { cause: err });
    }
  }

  /** Each market's newest row (by run ts, then run id), for the given markets or all. */
  async latestByMarket(marketIds?: readonly string[]): Promise<Map<string, MarketAnalysisRecord>> {
    const out = new Map<string, MarketAnalysisRecord>();
    const rows = await this.latestRows('market_analysis', ANALYSIS_COLUMNS, marketIds);
    for (const r of rows) {
      const id = String(r.market_id);
      if (!out.has(id)) out.set(id, toMarketAnalysis(r));
    }
    return out;
  }

  /** Each market's tokens from its newest run, ordered by token id. */
  async latestMicrostructure(marketIds?: readonly string[]): Promise<Map<string, MicrostructureRecord[]>> {
    const out = new Map<string, MicrostructureRecord[]>();
    const rows = await this.latestRows('market_microstructure', MICRO_COLUMNS, marketIds);
    for (const r of rows) {
      const id = String(r.market_id);
      const list = out.get(id);
      if (list === undefined) out.set(id, [microRecord(r)]);
      else if (list[0].runId === String(r.run_id)) list.push(microRecord(r));
    }
    return out;
  }

  /** Time (ISO) of the newest stored run, or null when none is stored. */
  async latestRunTs(): Promise<string | null> {
    const rows = await withRunner(this.ds, async (runner) => (await execute(runner, 'SELECT MAX(ts) AS ts FROM market_analysis', [])).rows);
    return rows[0]?.ts == null ? null : String(rows[0].ts);
  }

  /** One run's market results ordered by rank ([] for an unknown run). */
  async run(runId: string): Promise<MarketAnalysisRecord[]> {
    const sql = `SELECT ${ANALYSIS_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM market_analysis WHERE run_id = ${this.engine === 'postgres' ? '$1' : '?'} ORDER BY "rank", market_id`;
    const rows = await withRunner(this.ds, async (runner) => (await execute(runner, sql, [runId])).rows);
    return rows.map(toMarketAnalysis);
  }

  /**
   * Rows of each market's newest ts, newest run id first within a market: the caller keeps the first run
   * it sees per market. Joined on the (market_id, ts) index; ids in statements of at most 500.
   */
  private async latestRows(table: string, columns: readonly string[], marketIds?: readonly string[]): Promise<Record<string, unknown>[]> {
    const parts = marketIds === undefined ? [null] : chunk([...new Set(marketIds)].sort(), IDS_PER_QUERY);
    const out: Record<string, unknown>[] = [];
    for (const ids of parts) {
      if (ids !== null && ids.length === 0) continue;
      const filter = ids === null ? '' : `WHERE market_id IN (${placeholders(this.engine, ids.length)})`;
      const sql = `SELECT ${columns.map((c) => `t."${c}"`).join(', ')} FROM ${table} t
        JOIN (SELECT market_id, MAX(ts) AS ts FROM ${table} ${filter} GROUP BY market_id) l ON t.market_id = l.market_id AND t.ts = l.ts
        ORDER BY t.market_id, t.run_id DESC${table === 'market_microstructure' ? ', t.token_id' : ''}`;
      out.push(...(await withRunner(this.ds, async (runner) => (await execute(runner, sql, ids ?? [])).rows)));
    }
    return out;
  }
}

function int(value: number): number | null {
  return Number.isInteger(value) ? value : null;
}

export function toMarketAnalysis(r: Record<string, unknown>): MarketAnalysisRecord {
  return {
    runId: String(r.run_id), marketId: String(r.market_id), ts: String(r.ts), points: readNum(r.points), hypeToPriceP: readNum(r.hype_to_price_p),
    hypeToPriceLag: readNum(r.hype_to_price_lag), hypeToPriceF: readNum(r.hype_to_price_f), priceToHypeP: readNum(r.price_to_hype_p),
    pearson: readNum(r.pearson), rank: readNum(r.rank), results: JSON.parse(String(r.results)) as unknown,
  };
}

function microRecord(r: Record<string, unknown>): MicrostructureRecord {
  return {
    runId: String(r.run_id), marketId: String(r.market_id), tokenId: String(r.token_id), ts: String(r.ts), spread: readNum(r.spread), mid: readNum(r.mid),
    depth: readNum(r.depth), imbalance: readNum(r.imbalance),
    realizedVolatility: readNumOrNull(r.realized_volatility) ?? Number.NaN, priceImpact: readNumOrNull(r.price_impact) ?? Number.NaN,
  };
}
