import { MarketStore, RiskJournalStore, TradeRecord, createDataSource } from '@polytrader/persistence';
import { cycleBatch, riskState, riskTrade } from '@polytrader/persistence/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../testing/run-cli';

jest.setTimeout(60_000);

const FIXTURES = resolve(__dirname, '../../../../libs/quant/src/montecarlo/fixtures');
const fixtureFile = join(FIXTURES, 'trades-small.json');
const golden = JSON.parse(readFileSync(join(FIXTURES, 'golden-seed42.json'), 'utf8')) as unknown;
const fixture = JSON.parse(readFileSync(fixtureFile, 'utf8')) as { trades: { entryMs: number; exitMs: number; pnl: number; stake: number; market: string; side: string }[] };

const T0 = Date.parse('2026-11-01T00:00:00.000Z');
const H = 3_600_000;

/** closed trades on token m0-yes, one a day for `n` days, each held 2 h; plus one still open (not simulated) */
function trades(n: number): TradeRecord[] {
  const out: TradeRecord[] = [];
  for (let i = 0; i < n; i++) {
    const opened = T0 + i * 24 * H + 3 * H;
    out.push(riskTrade({
      tradeId: `t${i}`, marketId: 'm0', tokenId: 'm0-yes', side: i % 3 === 2 ? 'SELL' : 'BUY', size: 100, price: 0.4, fees: 0.08,
      realizedPnl: [4.2, -2.5, 1.1, 3.3, -0.7, 2.4][i % 6], status: 'closed', openedAt: new Date(opened).toISOString(), closedAt: new Date(opened + 2 * H).toISOString(),
    }));
  }
  out.push(riskTrade({ tradeId: 'open', marketId: 'm0', tokenId: 'm0-yes', openedAt: new Date(T0 + 2 * H).toISOString() }));
  return out;
}

async function seed(file: string, closed: number, withPrices: boolean): Promise<void> {
  const ds = await createDataSource({ url: file });
  try {
    await new RiskJournalStore(ds).commit({ orders: [], trades: trades(closed), positions: { upsert: [], remove: [] }, state: riskState() });
    if (withPrices) {
      const batch = cycleBatch({ markets: 1, pricePoints: 0, withBooks: false, start: new Date(T0 + 10 * 24 * H).toISOString() });
      // hourly over 10 days, a slow swing between 0.3 and 0.5
      for (let h = 0; h <= 240; h++) batch.prices.push({ tokenId: 'm0-yes', marketId: 'm0', t: (T0 + h * H) / 1000, price: 0.4 + 0.1 * Math.sin(h / 7) });
      await new MarketStore(ds).saveCycle(batch);
    }
  } finally {
    await ds.destroy();
  }
}

/**
 * The built `polytrader montecarlo` as a user runs it: the committed fixture gives the committed golden report;
 * CSV and JSON files and the database's closed trades; one-line errors and exit 1.
 */
describe('polytrader montecarlo (e2e, built CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-montecarlo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should print the golden report of the fixture for seed 42 with --json', async () => {
    const r = await runCli(['montecarlo', '--trades', fixtureFile, '--seed', '42', '--json'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(golden);
  });

  it('should read the same trades from a CSV (without prices: no null) and take --sims, --ruin-floor and --equity', async () => {
    const csv = join(dir, 'trades.csv');
    writeFileSync(csv, ['entry_time,exit_time,pnl,stake,market,side',
      ...fixture.trades.map((t) => `${new Date(t.entryMs).toISOString()},${t.exitMs},${t.pnl},${t.stake},${t.market},${t.side}`)].join('\n') + '\n');
    const r = await runCli(['montecarlo', '--trades', csv, '--sims', '200', '--ruin-floor', '99.75', '--equity', '1000', '--json'], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { seed: number; sims: number; trades: number; ruinFloor: number; randomEntry: unknown; reshuffle: { probabilityOfRuin: number; finalReturn: { p50: number } } };
    expect({ seed: report.seed, sims: report.sims, trades: report.trades, ruinFloor: report.ruinFloor, randomEntry: report.randomEntry })
      .toEqual({ seed: 1, sims: 200, trades: 12, ruinFloor: 0.9975, randomEntry: null });
    // the four losses sum to −4.05 USDC: paths that take most of them first fall below 997.5
    expect(report.reshuffle.probabilityOfRuin).toBeGreaterThan(0);
    expect(report.reshuffle.finalReturn.p50).toBe((golden as { reshuffle: { finalReturn: { p50: number } } }).reshuffle.finalReturn.p50);
  });

  it('should print a table for people by default', async () => {
    const r = await runCli(['montecarlo', '--trades', fixtureFile, '--seed', '42', '--sims', '100'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Monte Carlo: 12 closed trades over 11 days, 100 simulations per method, seed 42, ruin below 50 % of 1000 USDC\n/);
    expect(r.out).toMatch(/\nreshuffle +final return +\+1\.45 %/);
    expect(r.out).toMatch(/\nrandom-entry null: strategy Sharpe 0\.373 per trade; .*p-value 0\.\d{4}\n$/);
  });

  it('should simulate the closed trades of the database, with the null over their token\'s price history', async () => {
    const db = join(dir, 'trades.sqlite');
    await seed(db, 8, true);
    const r = await runCli(['montecarlo', '--db', db, '--sims', '300', '--seed', '5', '--json'], dir);
    expect(r.err).toBe(`database: sqlite:${db} (from --db)\n`);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { trades: number; sims: number; startEquity: number; observed: { trades: { finalReturn: number } }; randomEntry: { pValue: number } | null };
    const pnl = trades(8).filter((t) => t.status === 'closed').reduce((a, t) => a + (t.realizedPnl ?? 0), 0);
    expect(report.trades).toBe(8);
    expect(report.startEquity).toBe(1000);
    expect(report.observed.trades.finalReturn).toBeCloseTo(pnl / 1000, 12);
    expect(report.randomEntry?.pValue).toBeGreaterThanOrEqual(1 / 301);
    expect(report.randomEntry?.pValue).toBeLessThanOrEqual(1);
  });

  it('should run the other methods and say why when the traded token has no price history for the null', async () => {
    const db = join(dir, 'no-prices.sqlite');
    await seed(db, 4, false);
    const r = await runCli(['montecarlo', '--db', db, '--sims', '100', '--json'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`database: sqlite:${db} (from --db)\nrandom-entry null skipped: prices["m0-yes"]: expected at least 2 observations, got 0\n`);
    const report = JSON.parse(r.out) as { trades: number; randomEntry: unknown; bootstrap: { finalReturn: { p50: number } } };
    expect(report.trades).toBe(4);
    expect(report.randomEntry).toBeNull();
    expect(Number.isFinite(report.bootstrap.finalReturn.p50)).toBe(true);
  });

  it('should say so and exit 1 when the database has fewer than 2 closed trades', async () => {
    const db = join(dir, 'one.sqlite');
    await seed(db, 1, false);
    const r = await runCli(['montecarlo', '--db', db], dir);
    expect({ code: r.code, out: r.out }).toEqual({ code: 1, out: '' });
    expect(r.err).toBe(`database: sqlite:${db} (from --db)\nerror: the Monte Carlo needs at least 2 closed trades; sqlite:${db} (from --db) has 1\n`);
  });

  it.each([
    [['--seed', '-4'], 'error: --seed: expected a whole number in 0..4294967295, got "-4"\n'],
    [['--seed', '4294967296'], 'error: --seed: expected a whole number in 0..4294967295, got "4294967296"\n'],
    [['--ruin-floor', '100'], 'error: --ruin-floor: expected a percentage of the starting equity in [0, 100), got "100"\n'],
    [['--equity', '0'], 'error: --equity: expected a positive amount of USDC, got "0"\n'],
    [['--sims', '0'], 'error: option \'--sims <n>\' argument \'0\' is invalid. must be a positive whole number, got "0"\n'],
  ])('should refuse %j with one line and exit 1', async (args, err) => {
    const r = await runCli(['montecarlo', '--trades', fixtureFile, ...args], dir);
    expect({ code: r.code, out: r.out, err: r.err.split('\n')[0] + '\n' }).toEqual({ code: 1, out: '', err });
  });

  it('should name the file, line and column of bad input and exit 1', async () => {
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'entry_time,exit_time,pnl,stake\n2026-11-01T00:00:00Z,2026-11-01T02:00:00Z,1.5,20\n2026-11-02T00:00:00Z,tomorrow,2,20\n');
    const bad = await runCli(['montecarlo', '--trades', csv], dir);
    expect({ code: bad.code, err: bad.err }).toEqual({ code: 1, err: `error: --trades: ${csv} line 3: exit_time: "tomorrow" is not an ISO time or epoch ms\n` });

    writeFileSync(csv, 'entry_time,exit_time,pnl\n2026-11-01T00:00:00Z,2026-11-01T02:00:00Z,1.5\n');
    const column = await runCli(['montecarlo', '--trades', csv], dir);
    expect(column.err).toBe(`error: --trades: ${csv} has no column "stake" (columns: entry_time, exit_time, pnl; needed: entry_time, exit_time, pnl, stake)\n`);

    writeFileSync(csv, 'entry_time,exit_time,pnl,stake\n2026-11-01T00:00:00Z,2026-11-01T02:00:00Z,1.5,20\n');
    const one = await runCli(['montecarlo', '--trades', csv], dir);
    expect({ code: one.code, err: one.err }).toEqual({ code: 1, err: `error: the Monte Carlo needs at least 2 closed trades; ${csv} has 1\n` });

    const json = join(dir, 'bad.json');
    writeFileSync(json, JSON.stringify([{ entryMs: T0, exitMs: T0 + H, pnl: 1, stake: 10 }, { entryMs: T0, exitMs: T0 - H, pnl: 1, stake: 10 }]));
    const order = await runCli(['montecarlo', '--trades', json], dir);
    expect({ code: order.code, err: order.err }).toEqual({ code: 1, err: 'error: trades[1]: exit 2026-10-31T23:00:00.000Z is not after entry 2026-11-01T00:00:00.000Z\n' });

    const missing = await runCli(['montecarlo', '--trades', join(dir, 'nope.csv')], dir);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^error: --trades: cannot read .*nope\.csv: ENOENT/);
  });
});
