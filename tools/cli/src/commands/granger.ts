import { GrangerResult, QuantInputError, grangerTest } from '@polytrader/quant';
import { readFileSync } from 'node:fs';

export interface GrangerOptions {
  csv: string;
  cause: string;
  effect: string;
  lags: number;
  json: boolean;
}

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** A problem with the file or the options, reported as one line and exit 1. */
class GrangerInputError extends Error {
  override readonly name = 'GrangerInputError';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'NA', 'NaN', 'nan']);
const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1').trim();

/**
 * Reads the named numeric columns of a CSV: header row, comma-separated, no quoted commas. An empty cell,
 * NA or NaN is a missing value (dropped as R's na.omit would); anything else that is not a plain number is an
 * error naming its line and column. Other columns (dates, labels) are not parsed.
 */
export function readCsvColumns(text: string, names: readonly string[], file: string): number[][] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) throw new GrangerInputError(`${file} is empty: expected a header row and data rows`);
  const header = lines[0].split(',').map(unquote);
  const index = names.map((name) => {
    const at = header.indexOf(name);
    if (at < 0) throw new GrangerInputError(`${file} has no column "${name}" (columns: ${header.join(', ')})`);
    if (header.indexOf(name, at + 1) >= 0) throw new GrangerInputError(`${file} has more than one column named "${name}"`);
    return at;
  });
  const columns = names.map((): number[] => []);
  for (let l = 1; l < lines.length; l++) {
    if (lines[l].trim() === '') continue;
    const cells = lines[l].split(',');
    if (cells.length !== header.length) {
      throw new GrangerInputError(`${file} line ${l + 1} has ${cells.length} fields but the header has ${header.length}`);
    }
    index.forEach((at, c) => {
      const cell = unquote(cells[at]);
      if (MISSING.has(cell)) columns[c].push(NaN);
      else if (NUMBER.test(cell)) columns[c].push(Number(cell));
      else throw new GrangerInputError(`${file} line ${l + 1}, column "${names[c]}": "${cell}" is not a number`);
    });
  }
  return columns;
}

function formatResult(options: GrangerOptions, r: GrangerResult): string {
  const g = (x: number) => (Number.isFinite(x) ? x.toPrecision(4) : String(x));
  return (
    `Granger test, ${options.cause} → ${options.effect}, order ${r.df1} ` +
    `(R: grangertest(${options.effect} ~ ${options.cause}, order = ${r.df1})): ` +
    `F = ${g(r.f)} on (${r.df1}, ${r.df2}) df, p = ${g(r.p)}, n = ${r.n} rows\n`
  );
}

/**
 * `polytrader granger --csv FILE --cause COL --effect COL --lags N [--json]`: does COL `cause` Granger-cause COL
 * `effect`? The same F test as R's lmtest::grangertest. `--json` prints exactly {"F":…,"df1":…,"df2":…,"p":…}
 * (a NaN prints as null). Bad files, columns, values or series: one `error: …` line on stderr, exit 1.
 */
export async function granger(options: GrangerOptions, io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  try {
    if (!Number.isInteger(options.lags) || options.lags < 1) throw new GrangerInputError(`--lags must be a whole number ≥ 1, got ${options.lags}`);
    if (options.cause === options.effect) throw new GrangerInputError(`--cause and --effect are the same column ("${options.cause}")`);
    let text: string;
    try {
      text = readFileSync(options.csv, 'utf8');
    } catch (err) {
      throw new GrangerInputError(`cannot read ${options.csv}: ${(err as Error).message}`);
    }
    const [cause, effect] = readCsvColumns(text, [options.cause, options.effect], options.csv);
    const r = grangerTest(cause, effect, options.lags);
    io.out.write(options.json ? `${JSON.stringify({ F: r.f, df1: r.df1, df2: r.df2, p: r.p })}\n` : formatResult(options, r));
    return 0;
  } catch (err) {
    if (!(err instanceof GrangerInputError) && !(err instanceof QuantInputError)) throw err;
    io.err.write(`error: ${err.message}\n`);
    return 1;
  }
}
