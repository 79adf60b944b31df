import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { readReturnColumn, stats } from './stats';

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  const text = { out: '', err: '' };
  out.on('data', (d) => (text.out += String(d)));
  err.on('data', (d) => (text.err += String(d)));
  return { io: { out, err }, text };
}

describe('readReturnColumn', () => {
  it('should read one value per line, with or without a header, NA/NaN/"" as missing, blank lines skipped', () => {
    expect(readReturnColumn('returns\n0.01\n-0.02\n', 'f.csv')).toEqual([0.01, -0.02]);
    expect(readReturnColumn('0.01\r\n\r\n"-2e-2"\r\n', 'f.csv')).toEqual([0.01, -0.02]);
    expect(readReturnColumn('\uFEFF"r"\nNA\n0.5\nNaN\nnan\n""\n', 'f.csv')).toEqual([NaN, 0.5, NaN, NaN, NaN]);
    expect(readReturnColumn('', 'f.csv')).toEqual([]);
    expect(readReturnColumn('returns\n', 'f.csv')).toEqual([]);
  });

  it('should name the line and value of anything else', () => {
    expect(() => readReturnColumn('r\n0.01\n1,5\n', 'f.csv')).toThrow('f.csv line 3 has 2 fields: expected one column of returns, got "1,5"');
    expect(() => readReturnColumn('r\n0.01\n\n1%\n', 'f.csv')).toThrow('f.csv line 4: "1%" is not a number (a simple return per period, e.g. 0.012)');
    // a header only on the first line: a second text line is a bad value
    expect(() => readReturnColumn('r\nr2\n', 'f.csv')).toThrow('f.csv line 2: "r2" is not a number');
    expect(() => readReturnColumn('0.01\n1e999\n', 'f.csv')).toThrow('f.csv line 2: "1e999" is not a number');
    expect(() => readReturnColumn('0.01\nInfinity\n', 'f.csv')).toThrow('f.csv line 2: "Infinity" is not a number');
  });
});

describe('stats()', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polytrader-stats-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('should print a table with every metric and the annualization basis', async () => {
    const returns = file('pos.csv', 'r\n0.01\n0.02\n0.01\n0.01\n0.01\n0.01\n0.01\n0.01\n0.01\n');
    const { io, text } = capture();
    expect(await stats({ returns, json: false }, io)).toBe(0);
    const lines = text.out.trimEnd().split('\n');
    expect(lines[0]).toBe(`${returns}: 9 periods, daily (annualization 252)`);
    expect(lines.slice(1).map((l) => l.trim().replace(/\s+-?[\d.]+$|\s+-?Infinity$|\s+NaN$/, ''))).toEqual([
      'total return', 'annual return (CAGR)', 'annual volatility', 'Sharpe ratio', 'Sortino ratio', 'downside risk', 'max drawdown', 'Calmar ratio',
    ]);
    // empyrical test_stats.py: sharpe_ratio(positive_returns) = 52.915026221291804; sortino → inf; no drawdown → Calmar NaN
    expect(text.out).toMatch(/Sharpe ratio\s+52\.91502622\n/);
    expect(text.out).toMatch(/Sortino ratio\s+Infinity\n/);
    expect(text.out).toMatch(/Calmar ratio\s+NaN\n$/);
  });

  it('should say which annualization an override used', async () => {
    const returns = file('two.csv', '0.01\n0.03\n');
    const { io, text } = capture();
    expect(await stats({ returns, annualization: '365', period: 'monthly', json: false }, io)).toBe(0);
    expect(text.out.split('\n')[0]).toBe(`${returns}: 2 periods, annualization 365`);
  });
});
