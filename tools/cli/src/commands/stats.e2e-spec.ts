import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli';

jest.setTimeout(60_000);

/** Numbers as numpy's assert_almost_equal(decimal = 8) checks them: |a − e| < 1.5e-8. */
const close8 = (actual: unknown, expected: number) => {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1.5e-8);
};

/**
 * `polytrader stats` as a user runs it (the built CLI, dist/), on series from empyrical's test_stats.py; the
 * expected figures are that file's published values, not our functions' output.
 */
describe('polytrader stats', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-stats-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, values: (number | string)[], header = 'returns') => {
    writeFileSync(join(dir, name), [header, ...values.map(String)].join('\n') + '\n');
    return name;
  };
  const pct = (xs: number[]) => xs.map((x) => x / 100);
  // empyrical's mixed_returns (NaN first), simple_benchmark, weekly_returns
  const mixed = file('mixed.csv', ['NaN', ...pct([1, 10, -4, 2, 3, 2, 1, -10])]);
  const benchmark = file('benchmark.csv', pct([0, 1, 0, 1, 0, 1, 0, 1, 0]), 'rf');
  const weekly = file('weekly.csv', pct([0, 1, 10, -4, 2, 3, 2, 1, -10]));

  it('--json: one object with every metric, matching empyrical on mixed_returns (daily, 252)', async () => {
    const r = await runCli(['stats', '--returns', mixed, '--json'], dir);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.endsWith('\n')).toBe(true);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual([
      'periods', 'missing', 'period', 'annualization',
      'totalReturn', 'annualReturn', 'annualVolatility', 'sharpeRatio', 'sortinoRatio', 'downsideRisk', 'maxDrawdown', 'calmarRatio',
    ]);
    expect(j).toMatchObject({ periods: 9, missing: 1, period: 'daily', annualization: 252 });
    expect(Math.abs((j.totalReturn as number) - 0.03893)).toBeLessThan(1.5e-4); // test_cum_returns_final, 4 decimals
    close8(j.annualReturn, 1.9135925373194231);
    close8(j.annualVolatility, 0.9136465399704637);
    close8(j.sharpeRatio, 1.7238613961706866);
    close8(j.sortinoRatio, 2.605531251673693);
    close8(j.downsideRisk, 0.60448325038829653);
    close8(j.maxDrawdown, -0.1);
    close8(j.calmarRatio, 19.135925373194233);
  });

  it('--json: a risk-free series file, --required-return and --period weekly as empyrical', async () => {
    const rf = await runCli(['stats', '--returns', mixed, '--risk-free', benchmark, '--required-return', '0.1', '--json'], dir);
    expect(rf.code).toBe(0);
    const j = JSON.parse(rf.out) as Record<string, unknown>;
    close8(j.sharpeRatio, 0.34111411441060574); // sharpe_ratio(mixed_returns, simple_benchmark)
    close8(j.downsideRisk, 1.7161730681956295); // downside_risk(mixed_returns, 0.1)
    const w = await runCli(['stats', '--returns', weekly, '--period', 'weekly', '--json'], dir);
    const k = JSON.parse(w.out) as Record<string, unknown>;
    expect(k).toMatchObject({ period: 'weekly', annualization: 52 });
    close8(k.annualReturn, 0.24690830513998208);
    close8(k.annualVolatility, 0.38851569394870583);
    close8(k.sortinoRatio, 1.1158901056866439);
    close8(k.calmarRatio, 2.4690830513998208);
  });

  it('--json: --annualization overrides the period; Infinity and NaN have JSON forms', async () => {
    const positive = file('positive.csv', pct([1, 2, 1, 1, 1, 1, 1, 1, 1]));
    const r = await runCli(['stats', '--returns', positive, '--annualization', '365', '--period', 'monthly', '--json'], dir);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(j).toMatchObject({ period: null, annualization: 365, sortinoRatio: 'Infinity', calmarRatio: null, maxDrawdown: 0 });
    // sharpe_ratio(positive_returns) = 52.915026221291804 at 252 per year; the ratio scales with √annualization
    close8(j.sharpeRatio, 52.915026221291804 * Math.sqrt(365 / 252));
    const empty = file('empty.csv', []);
    const e = JSON.parse((await runCli(['stats', '--returns', empty, '--json'], dir)).out) as Record<string, unknown>;
    expect(e).toMatchObject({ periods: 0, totalReturn: null, annualReturn: null, sharpeRatio: null, maxDrawdown: null });
  });

  it.each([
    [['--returns', 'bad.csv'], 'error: bad.csv line 4: "0.01x" is not a number (a simple return per period, e.g. 0.012)\n'],
    [['--returns', 'wide.csv'], 'error: wide.csv line 1 has 2 fields: expected one column of returns, got "date,returns"\n'],
    [['--returns', 'missing.csv'], /^error: cannot read returns file missing\.csv: ENOENT/],
    [['--returns', 'mixed.csv', '--period', 'hourly'], 'error: --period must be one of daily, weekly, monthly, got "hourly"\n'],
    [['--returns', 'mixed.csv', '--annualization', '0'], 'error: --annualization must be a number of periods per year > 0, got "0"\n'],
    [['--returns', 'mixed.csv', '--risk-free', 'short.csv'], 'error: --risk-free short.csv has 2 values but the returns have 9; they must be aligned (one per period)\n'],
    // commander's own error, followed by the command's help (showHelpAfterError)
    [[], /^error: required option '--returns <file>' not specified\n/],
  ] as const)('should exit 1 with one error line: stats %j', async (args, expected) => {
    writeFileSync(join(dir, 'bad.csv'), 'returns\n0.01\n0.02\n0.01x\n');
    writeFileSync(join(dir, 'wide.csv'), 'date,returns\n2026-01-01,0.01\n');
    writeFileSync(join(dir, 'short.csv'), '0\n0\n');
    const r = await runCli(['stats', ...args], dir);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    if (typeof expected === 'string') expect(r.err).toBe(expected);
    else expect(r.err).toMatch(expected);
  });
});
