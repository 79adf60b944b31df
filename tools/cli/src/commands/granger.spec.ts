import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { granger } from './granger';

const REPO_ROOT = resolve(__dirname, '../../../..');
const chickEgg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'fixtures/reference/granger_chickegg.json'), 'utf8')) as {
  data: { years: number[]; chicken: number[]; egg: number[] };
};

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  const text = { out: '', err: '' };
  out.on('data', (d) => (text.out += String(d)));
  err.on('data', (d) => (text.err += String(d)));
  return { io: { out, err }, text };
}

describe('granger()', () => {
  let dir: string;
  let csv: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'polytrader-granger-'));
    csv = join(dir, 'chickegg.csv');
    const { years, chicken, egg } = chickEgg.data;
    writeFileSync(csv, ['year,chicken,egg', ...years.map((y, i) => `${y},${chicken[i]},${egg[i]}`)].join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should print exactly {"F","df1","df2","p"} with --json, matching R for chicken ~ egg', async () => {
    const { io, text } = capture();
    expect(await granger({ csv, cause: 'egg', effect: 'chicken', lags: 3, json: true }, io)).toBe(0);
    expect(text.out.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(text.out) as Record<string, number>;
    expect(Object.keys(parsed)).toEqual(['F', 'df1', 'df2', 'p']);
    expect(parsed.F.toPrecision(4)).toBe('5.405');
    expect(parsed.p.toPrecision(4)).toBe('0.002966');
    expect([parsed.df1, parsed.df2]).toEqual([3, 44]);
    expect(text.out).toMatch(/^\{"F":5\.40498\d*,"df1":3,"df2":44,"p":0\.002966\d*\}\n$/);
  });

  it('should print a readable line by default', async () => {
    const { io, text } = capture();
    expect(await granger({ csv, cause: 'chicken', effect: 'egg', lags: 3, json: false }, io)).toBe(0);
    expect(text.out).toBe(
      'Granger test, chicken → egg, order 3 (R: grangertest(egg ~ chicken, order = 3)): F = 0.5916 on (3, 44) df, p = 0.6238, n = 51 rows\n',
    );
  });

  it('should name a missing column and exit 1', async () => {
    const { io, text } = capture();
    expect(await granger({ csv, cause: 'eggs', effect: 'chicken', lags: 3, json: true }, io)).toBe(1);
    expect(text.err).toBe(`error: ${csv} has no column "eggs" (columns: year, chicken, egg)\n`);
    expect(text.out).toBe('');
  });

  it('should name the line and column of a bad value and exit 1', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'year,chicken,egg\r\n1930,468491,3581\r\n1931,449743,abc\r\n');
    const { io, text } = capture();
    expect(await granger({ csv: bad, cause: 'egg', effect: 'chicken', lags: 1, json: true }, io)).toBe(1);
    expect(text.err).toBe(`error: ${bad} line 3, column "egg": "abc" is not a number\n`);
  });

  it('should treat empty, NA and NaN cells as missing, and ignore non-numeric other columns', async () => {
    const { years, chicken, egg } = chickEgg.data;
    const holed = join(dir, 'holed.csv');
    const rows = years.map((y, i) => `"${y}-12-01",${i === 10 ? 'NA' : chicken[i]},${i === 30 ? '' : egg[i]}`);
    writeFileSync(holed, ['"date","chicken","egg"', ...rows].join('\n'));
    const { io, text } = capture();
    expect(await granger({ csv: holed, cause: 'egg', effect: 'chicken', lags: 3, json: true }, io)).toBe(0);
    expect(JSON.parse(text.out)).toMatchObject({ df1: 3, df2: 51 - 8 - 7 });
  });

  it('should report a ragged row, an unreadable file, bad options and bad series with exit 1', async () => {
    const ragged = join(dir, 'ragged.csv');
    writeFileSync(ragged, 'a,b\n1,2\n3\n');
    const cases: [Parameters<typeof granger>[0], RegExp][] = [
      [{ csv: ragged, cause: 'a', effect: 'b', lags: 1, json: false }, /line 3 has 1 fields but the header has 2/],
      [{ csv: join(dir, 'nope.csv'), cause: 'a', effect: 'b', lags: 1, json: false }, /cannot read .*nope\.csv/],
      [{ csv, cause: 'egg', effect: 'chicken', lags: 0, json: false }, /--lags must be a whole number ≥ 1, got 0/],
      [{ csv, cause: 'egg', effect: 'egg', lags: 1, json: false }, /same column/],
      [{ csv, cause: 'egg', effect: 'chicken', lags: 30, json: false }, /order 30 needs at least 62 usable rows/],
    ];
    for (const [options, message] of cases) {
      const { io, text } = capture();
      expect(await granger(options, io)).toBe(1);
      expect(text.err).toMatch(message);
      expect(text.err).toMatch(/^error: /);
    }
  });
});
