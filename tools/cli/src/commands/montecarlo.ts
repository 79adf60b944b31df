import { loadConfig } from '@polytrader/platform';
import { MarketStore, RiskJournalStore, TradeRecord, createDataSource } from '@polytrader/persistence';
import {
  ClosedTrade, Distribution, MethodResult, MonteCarloReport, PriceSeries, QuantInputError, positionCost, runMonteCarlo,
} from '@polytrader/quant';
import { readFileSync } from 'node:fs';
import { resolveRunAndSay } from './resolve-run';

export interface MonteCarloCliOptions {
  trades?: string;
  db?: string;
  sims?: number;
  seed?: string;
  ruinFloor?: string;
  equity?: string;
  json?: boolean;
}

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** The seed when none is given: fixed, so two runs of the same record agree unless the user asks otherwise. */
export const DEFAULT_SEED = 1;

/** A problem with the options or the input file: one line, exit 1 (the program's `run` prints it). */
class MonteCarloInputError extends Error {
  override readonly name = 'MonteCarloInputError';
}

/** The record to simulate: closed trades, the equity they started from, price series when there are any. */
interface SimulationInput {
  trades: ClosedTrade[];
  startEquity: number;
  prices: Map<string, PriceSeries> | null;
  /** for messages: the file, or the database line */
  source: string;
}

/**
 * `polytrader montecarlo [--trades FILE] [--db URL] [--sims 1000] [--seed N] [--ruin-floor PCT] [--equity USDC] [--json]`:
 * the Monte Carlo of libs/quant over the closed trades of a file, or by default of the database (`trades`
 * table, the random-entry null over the traded tokens' price_history). docs/validation.md.
 */
export async function montecarlo(options: MonteCarloCliOptions, io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const sims = options.sims ?? 1000;
  const seed = options.seed === undefined ? DEFAULT_SEED : wholeNumber(options.seed, '--seed');
  const ruinFloorPct = options.ruinFloor === undefined ? 50 : percent(options.ruinFloor);
  if (options.trades !== undefined && options.db !== undefined) throw new MonteCarloInputError('--trades and --db: give one source of trades, not both');
  const record = options.trades !== undefined ? fromFile(options.trades) : await fromDatabase(options.db, io);
  if (options.equity !== undefined) record.startEquity = positiveAmount(options.equity, '--equity');
  if (record.trades.length < 2) {
    throw new MonteCarloInputError(`the Monte Carlo needs at least 2 closed trades; ${record.source} has ${record.trades.length}`);
  }

  const run = (prices: Map<string, PriceSeries> | null) =>
    runMonteCarlo(record.trades, { startEquity: record.startEquity, seed, sims, ruinFloor: ruinFloorPct / 100, ...(prices ? { prices } : {}) });
  let report: MonteCarloReport;
  try {
    report = run(record.prices);
  } catch (err) {
    // price series too short or missing for the null: say so and run the other methods rather than nothing
    if (!(err instanceof QuantInputError) || record.prices === null || !/^prices/.test(err.message)) throw err;
    io.err.write(`random-entry null skipped: ${err.message}\n`);
    report = run(null);
  }
  io.out.write(options.json ? `${JSON.stringify(report, jsonNumbers, 2)}\n` : formatReport(report));
  return 0;
}

/** JSON has no ±Infinity (a bust path's Sharpe): written as the strings "Infinity" / "-Infinity"; NaN as null. */
function jsonNumbers(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? null : String(value);
  return value;
}

function wholeNumber(value: string, what: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n > 0xffffffff) throw new MonteCarloInputError(`${what}: expected a whole number in 0..4294967295, got "${value}"`);
  return n;
}

function percent(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n >= 100) {
    throw new MonteCarloInputError(`--ruin-floor: expected a percentage of the starting equity in [0, 100), got "${value}"`);
  }
  return n;
}

function positiveAmount(value: string, what: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new MonteCarloInputError(`${what}: expected a positive amount of USDC, got "${value}"`);
  return n;
}

/** The closed trades of the database (`polytrader trades` reads the same table), and their tokens' price history. */
async function fromDatabase(db: string | undefined, io: Io): Promise<SimulationInput> {
  const resolved = resolveRunAndSay({ db }, (s) => void io.err.write(s));
  const ds = await createDataSource(resolved.config.storage);
  try {
    const rows = (await new RiskJournalStore(ds).allTrades()).filter((t) => t.status === 'closed' && t.closedAt !== null && t.realizedPnl !== null);
    const trades = rows.map(closedTradeOf);
    const prices = new Map<string, PriceSeries>();
    const markets = new MarketStore(ds);
    for (const token of new Set(rows.map((t) => t.tokenId))) {
      const points = await markets.priceHistory(token, 0, Number.MAX_SAFE_INTEGER / 1000);
      prices.set(token, { tsMs: points.map((p) => p.t * 1000), price: points.map((p) => p.price) });
    }
    return { trades, startEquity: resolved.config.portfolio.initial_equity, prices, source: resolved.line.replace(/^database: /, '') };
  } finally {
    await ds.destroy();
  }
}

function closedTradeOf(t: TradeRecord): ClosedTrade {
  return {
    entryMs: Date.parse(t.openedAt), exitMs: Date.parse(t.closedAt as string), pnl: t.realizedPnl as number,
    stake: positionCost(t.side, t.size, t.price), market: t.tokenId, side: t.side,
  };
}

const CSV_COLUMNS = ['entry_time', 'exit_time', 'pnl', 'stake'] as const;

/**
 * A file of closed trades. JSON: an array of trades, or `{ "startEquity"?, "trades": [...], "prices"?: { market:
 * { "tsMs": [...], "price": [...] } } }`; a trade has `entryMs`/`exitMs` (epoch ms) or `entryTime`/`exitTime` (ISO),
 * `pnl`, `stake`, and for the null `market` and `side`. CSV: a header with entry_time, exit_time, pnl, stake
 * (times ISO or epoch ms) and optionally market, side. The starting equity defaults to portfolio.initial_equity.
 */
function fromFile(file: string): SimulationInput {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new MonteCarloInputError(`--trades: cannot read ${file}: ${(err as Error).message}`);
  }
  const startEquity = loadConfig({ env: process.env }).config.portfolio.initial_equity;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return fromJson(text, file, startEquity);
  return { trades: fromCsv(text, file), startEquity, prices: null, source: file };
}

function fromJson(text: string, file: string, defaultEquity: number): SimulationInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new MonteCarloInputError(`--trades: ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const body = Array.isArray(parsed) ? { trades: parsed } : (parsed as { trades?: unknown; startEquity?: unknown; prices?: unknown });
  if (!Array.isArray(body.trades)) throw new MonteCarloInputError(`--trades: ${file} must hold an array of trades or an object with "trades": [...]`);
  const trades = body.trades.map((t: unknown, i: number) => jsonTrade(t, `${file} trades[${i}]`));
  let startEquity = defaultEquity;
  if (body.startEquity !== undefined) {
    if (typeof body.startEquity !== 'number') throw new MonteCarloInputError(`--trades: ${file} startEquity: expected a number, got ${JSON.stringify(body.startEquity)}`);
    startEquity = body.startEquity;
  }
  let prices: Map<string, PriceSeries> | null = null;
  if (body.prices !== undefined) {
    if (body.prices === null || typeof body.prices !== 'object') throw new MonteCarloInputError(`--trades: ${file} prices: expected { market: { tsMs, price } }`);
    prices = new Map();
    for (const [market, s] of Object.entries(body.prices as Record<string, unknown>)) {
      const series = s as { tsMs?: unknown; price?: unknown };
      if (!isNumbers(series?.tsMs) || !isNumbers(series?.price)) throw new MonteCarloInputError(`--trades: ${file} prices.${market}: expected { "tsMs": [numbers], "price": [numbers] }`);
      prices.set(market, { tsMs: series.tsMs, price: series.price });
    }
  }
  return { trades, startEquity, prices, source: file };
}

const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

function jsonTrade(value: unknown, where: string): ClosedTrade {
  if (value === null || typeof value !== 'object') throw new MonteCarloInputError(`--trades: ${where}: expected an object, got ${JSON.stringify(value)}`);
  const t = value as Record<string, unknown>;
  const time = (ms: string, iso: string): number => {
    if (typeof t[ms] === 'number') return t[ms] as number;
    if (typeof t[iso] === 'string') return parseTime(t[iso] as string, `${where}.${iso}`);
    throw new MonteCarloInputError(`--trades: ${where}: expected ${ms} (epoch ms) or ${iso} (ISO time), got ${JSON.stringify(t[ms] ?? t[iso])}`);
  };
  const num = (field: string): number => {
    if (typeof t[field] !== 'number') throw new MonteCarloInputError(`--trades: ${where}.${field}: expected a number, got ${JSON.stringify(t[field])}`);
    return t[field] as number;
  };
  return { entryMs: time('entryMs', 'entryTime'), exitMs: time('exitMs', 'exitTime'), pnl: num('pnl'), stake: num('stake'), ...optional(t.market, t.side, where) };
}

function optional(market: unknown, side: unknown, where: string): Pick<ClosedTrade, 'market' | 'side'> {
  const out: { market?: string; side?: 'BUY' | 'SELL' } = {};
  if (market !== undefined && market !== '') out.market = String(market);
  if (side !== undefined && side !== '') {
    if (side !== 'BUY' && side !== 'SELL') throw new MonteCarloInputError(`--trades: ${where}.side: expected BUY or SELL, got ${JSON.stringify(side)}`);
    out.side = side;
  }
  return out;
}

function fromCsv(text: string, file: string): ClosedTrade[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) throw new MonteCarloInputError(`--trades: ${file} is empty: expected a header (${CSV_COLUMNS.join(', ')}) and a row per trade`);
  const header = lines[0].split(',').map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
  const at = (name: string) => header.indexOf(name);
  for (const name of CSV_COLUMNS) {
    if (at(name) < 0) throw new MonteCarloInputError(`--trades: ${file} has no column "${name}" (columns: ${header.join(', ')}; needed: ${CSV_COLUMNS.join(', ')})`);
  }
  const trades: ClosedTrade[] = [];
  for (let l = 1; l < lines.length; l++) {
    if (lines[l].trim() === '') continue;
    const cells = lines[l].split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (cells.length !== header.length) throw new MonteCarloInputError(`--trades: ${file} line ${l + 1} has ${cells.length} fields but the header has ${header.length}`);
    const where = `${file} line ${l + 1}`;
    const number = (name: string) => {
      const v = cells[at(name)];
      const n = Number(v);
      if (v === '' || !Number.isFinite(n)) throw new MonteCarloInputError(`--trades: ${where}: ${name} ${JSON.stringify(v)} is not a number`);
      return n;
    };
    const time = (name: string) => {
      const v = cells[at(name)];
      return /^\d+$/.test(v) ? Number(v) : parseTime(v, `${where}: ${name}`);
    };
    trades.push({
      entryMs: time('entry_time'), exitMs: time('exit_time'), pnl: number('pnl'), stake: number('stake'),
      ...optional(at('market') >= 0 ? cells[at('market')] : undefined, at('side') >= 0 ? cells[at('side')] : undefined, where),
    });
  }
  return trades;
}

function parseTime(value: string, where: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new MonteCarloInputError(`--trades: ${where}: ${JSON.stringify(value)} is not an ISO time or epoch ms`);
  return t;
}

const pct = (v: number, digits = 2) => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${(v * 100).toFixed(digits)} %` : String(v));
const fixed = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

/** The report for people: one table row per method and quantity; --json is the contract. */
export function formatReport(r: MonteCarloReport): string {
  const lines: string[] = [];
  lines.push(`Monte Carlo: ${r.trades} closed trades over ${r.days} days, ${r.sims} simulations per method, seed ${r.seed}, ` +
    `ruin below ${fixed(r.ruinFloor * 100, 0)} % of ${r.startEquity} USDC`);
  const o = r.observed.trades;
  lines.push(`observed: final return ${pct(o.finalReturn)}, max drawdown ${pct(o.maxDrawdown)}, Sharpe ${fixed(o.sharpe)} per trade ` +
    `(annualized at ${fixed(r.tradesPerYear, 0)} trades/year)` + (r.observed.daily ? `, daily Sharpe ${fixed(r.observed.daily.sharpe)}` : ''));
  const head = ['method', 'quantity', 'p5', 'p25', 'p50', 'p75', 'p95', '95 % interval', 'P(ruin)'];
  const rows: string[][] = [];
  const method = (name: string, m: MethodResult) => {
    const row = (q: string, d: Distribution, f: (v: number) => string, ruin: string) =>
      rows.push([name, q, f(d.p5), f(d.p25), f(d.p50), f(d.p75), f(d.p95), `${f(d.ci95[0])} … ${f(d.ci95[1])}`, ruin]);
    row('final return', m.finalReturn, pct, pct(m.probabilityOfRuin, 1).replace('+', ''));
    row('max drawdown', m.maxDrawdown, pct, '');
    row('Sharpe', m.sharpe, fixed, '');
  };
  method('reshuffle', r.reshuffle);
  method('bootstrap', r.bootstrap);
  if (r.blockBootstrap) method(`block bootstrap (mean ${fixed(r.blockBootstrap.meanBlockLength, 1)} d)`, r.blockBootstrap);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  lines.push('', line(head), ...rows.map(line), '');
  if (!r.blockBootstrap) lines.push('block bootstrap: not run (every trade closed on the same UTC day)');
  lines.push(r.randomEntry
    ? `random-entry null: strategy Sharpe ${fixed(r.randomEntry.strategySharpe, 3)} per trade; null p50 ${fixed(r.randomEntry.nullSharpe.p50, 3)}, ` +
      `p95 ${fixed(r.randomEntry.nullSharpe.p95, 3)}; p-value ${r.randomEntry.pValue.toFixed(4)}`
    : 'random-entry null: not run (no price series)');
  return `${lines.join('\n')}\n`;
}
