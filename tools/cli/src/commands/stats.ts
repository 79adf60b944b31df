import { QuantInputError, ReturnPeriod, ReturnSeriesSummary, annualizationFactor, summarizeReturns } from '@polytrader/quant';
import { readFileSync } from 'node:fs';

export interface StatsOptions {
  returns: string;
  /** a per-period rate ("0.0001") or a one-column CSV aligned with the returns */
  riskFree?: string;
  /** a per-period minimum acceptable return for Sortino / downside risk (default 0) */
  requiredReturn?: string;
  period?: string;
  annualization?: string;
  json: boolean;
}

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** A problem with a file or an option, reported as one line and exit 1. */
class StatsInputError extends Error {
  override readonly name = 'StatsInputError';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Missing periods, NaN to the metrics (empyrical skips them); pandas writes an empty cell, R writes NA. */
const MISSING = new Set(['', 'NA', 'NaN', 'nan']);
const PERIODS: readonly ReturnPeriod[] = ['daily', 'weekly', 'monthly'];
const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1').trim();

/**
 * One numeric column: a value per line, simple returns (0.01 = +1 %). The first line may be a header (any
 * non-numeric text there); blank lines are skipped (as pandas' read_csv does); "", NA or NaN is a missing period. A second
 * field on a line, or any other text, is an error naming the file, line and value.
 */
export function readReturnColumn(text: string, file: string): number[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const values: number[] = [];
  let sawFirst = false;
  for (let l = 0; l < lines.length; l++) {
    if (lines[l].trim() === '') continue;
    if (lines[l].includes(',')) {
      throw new StatsInputError(`${file} line ${l + 1} has ${lines[l].split(',').length} fields: expected one column of returns, got "${lines[l].trim()}"`);
    }
    const cell = unquote(lines[l]);
    const first = !sawFirst;
    sawFirst = true;
    if (MISSING.has(cell)) values.push(NaN);
    else if (NUMBER.test(cell) && Number.isFinite(Number(cell))) values.push(Number(cell));
    else if (first && !NUMBER.test(cell)) continue; // the header
    else throw new StatsInputError(`${file} line ${l + 1}: "${cell}" is not a number (a simple return per period, e.g. 0.012)`);
  }
  return values;
}

function readColumnFile(file: string, what: string): number[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new StatsInputError(`cannot read ${what} ${file}: ${(err as Error).message}`);
  }
  return readReturnColumn(text, file);
}

/** A per-period rate given as a number, else a file of one per period (same length as the returns). */
function rateOption(value: string | undefined, flag: string, periods: number): number | number[] {
  if (value === undefined) return 0;
  const v = value.trim();
  if (NUMBER.test(v)) return Number(v);
  const series = readColumnFile(v, `${flag} file`);
  if (series.length !== periods) throw new StatsInputError(`${flag} ${v} has ${series.length} values but the returns have ${periods}; they must be aligned (one per period)`);
  return series;
}

function parseAnnualization(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!NUMBER.test(value.trim()) || !(n > 0)) throw new StatsInputError(`--annualization must be a number of periods per year > 0, got "${value}"`);
  return n;
}

function parsePeriod(value: string | undefined): ReturnPeriod {
  if (value === undefined) return 'daily';
  if (!(PERIODS as readonly string[]).includes(value)) throw new StatsInputError(`--period must be one of ${PERIODS.join(', ')}, got "${value}"`);
  return value as ReturnPeriod;
}

const METRICS: readonly [keyof ReturnSeriesSummary, string][] = [
  ['totalReturn', 'total return'],
  ['annualReturn', 'annual return (CAGR)'],
  ['annualVolatility', 'annual volatility'],
  ['sharpeRatio', 'Sharpe ratio'],
  ['sortinoRatio', 'Sortino ratio'],
  ['downsideRisk', 'downside risk'],
  ['maxDrawdown', 'max drawdown'],
  ['calmarRatio', 'Calmar ratio'],
];

/** JSON has no NaN or Infinity: NaN prints as null (no value), ±Infinity as the strings "Infinity" / "-Infinity". */
const jsonNumber = (x: number): number | string | null => (Number.isNaN(x) ? null : Number.isFinite(x) ? x : String(x));

function table(file: string, period: ReturnPeriod, explicit: boolean, s: ReturnSeriesSummary): string {
  const basis = explicit ? `annualization ${s.annualization}` : `${period} (annualization ${s.annualization})`;
  const rows = METRICS.map(([key, label]) => {
    const v = s[key];
    return `  ${label.padEnd(22)} ${Number.isFinite(v) ? v.toFixed(8).padStart(16) : String(v).padStart(16)}`;
  });
  return `${file}: ${s.periods} periods${s.missing ? ` (${s.missing} missing)` : ''}, ${basis}\n${rows.join('\n')}\n`;
}

/**
 * `polytrader stats --returns FILE [--risk-free X|FILE] [--required-return X|FILE] [--period daily|weekly|monthly]
 * [--annualization N] [--json]`: the backtest's metric functions over any return series, with empyrical's
 * definitions, so they can be checked against other tools. Bad files or options: `error: …` on stderr, exit 1.
 */
export async function stats(options: StatsOptions, io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  try {
    const period = parsePeriod(options.period);
    const annualizationOverride = parseAnnualization(options.annualization);
    const returns = readColumnFile(options.returns, 'returns file');
    const riskFree = rateOption(options.riskFree, '--risk-free', returns.length);
    const requiredReturn = rateOption(options.requiredReturn, '--required-return', returns.length);
    const annualization = annualizationFactor({ period, annualization: annualizationOverride });
    const summary = summarizeReturns(returns, { annualization, riskFree, requiredReturn });
    if (options.json) {
      const out: Record<string, number | string | null> = {
        periods: summary.periods,
        missing: summary.missing,
        period: annualizationOverride === undefined ? period : null,
        annualization: summary.annualization,
      };
      for (const [key] of METRICS) out[key] = jsonNumber(summary[key]);
      io.out.write(`${JSON.stringify(out)}\n`);
    } else {
      io.out.write(table(options.returns, period, annualizationOverride !== undefined, summary));
    }
    return 0;
  } catch (err) {
    if (!(err instanceof StatsInputError) && !(err instanceof QuantInputError)) throw err;
    io.err.write(`error: ${err.message}\n`);
    return 1;
  }
}
