import { Command, InvalidArgumentError } from 'commander';
import { collect } from './commands/collect';
import { configValidate } from './commands/config-validate';
import { control } from './commands/control';
import { logs } from './commands/logs';
import * as read from './commands/read';
import { ping, status } from './commands/status';
import { start } from './orchestrator/orchestrator';
import { stop } from './orchestrator/stop';

/** The one order every data-reading command resolves its database in (commands/resolve-run.ts). */
const DB_OPTION_HELP = 'database to read (SQLite path, sqlite:<path> or postgres://…); default: DATABASE_URL, else the running system\'s (data/run/polytrader.json), else storage.url';
/** The one order every gateway command resolves its gateway in (gateway/gateway-target.ts). */
const GATEWAY_OPTION_HELP = 'gateway base URL; default: GATEWAY_URL, else the running system\'s (data/run/polytrader.json), else http://localhost:<gateway.port>; token: GATEWAY_TOKEN';

// Commander passes positional args then options; each command picks what it needs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Action = (...args: any[]) => Promise<number> | number;

const run = (fn: Action) =>
  async (...args: unknown[]) => {
    let code: number;
    try {
      code = await fn(...args);
    } catch (err) {
      process.stderr.write(`error: ${(err as Error).message}\n`);
      code = 1;
    }
    // Exit explicitly: a lingering handle (a draining socket, a log stream) must not keep a finished command alive.
    process.exit(code);
  };

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`must be a positive whole number, got "${v}"`);
  return n;
};

/** The full name of a command under the root: `db optimize`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Every command that runs something (not the `db` / `config` groups), depth first. */
export function leafCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => (c.commands.length ? leafCommands(c) : [c]));
}

/** Attaches the command's example to its own --help; the root --help lists them all. */
function example(cmd: Command, examples: Map<string, string>, line: string): Command {
  examples.set(commandPath(cmd), line);
  return cmd.addHelpText('after', `\nExample:\n  $ polytrader ${line}\n`);
}

export function buildProgram(): Command {
  const program = new Command('polytrader').description('Polymarket hype trading system').showHelpAfterError();
  const examples = new Map<string, string>();
  const ex = (cmd: Command, line: string) => example(cmd, examples, line);
  const gatewayCmd = (name: string, description: string) => program.command(name).description(description).option('--gateway <url>', GATEWAY_OPTION_HELP);

  // the running system
  ex(program.command('start').description('run NATS (if none answers) and all seven services, supervised')
    .option('-v, --verbose', "pass the services' JSON logs through to stdout", false)
    .option('--demo', 'run against the local API simulator (no outside network, separate data/demo.sqlite)', false)
    .action(run((o: { verbose: boolean; demo: boolean }) => start(o))), 'start --demo');
  ex(program.command('stop').description('stop a running `polytrader start` gracefully').action(run(() => stop())), 'stop');
  ex(gatewayCmd('status', 'every service\'s state from the gateway (the bus when it is down); exit 1 unless all are up')
    .option('--json', 'the API\'s JSON (GET /api/services)', false)
    .action(run((o: { json: boolean; gateway?: string }) => status(o))), 'status --json');
  ex(program.command('ping <service>').description('exit 0 if the service answers on the bus (healthchecks)')
    .action(run((service: string) => ping(service))), 'ping risk');
  ex(gatewayCmd('watch', 'tail the live stream: signals, decisions, trades, alerts, cycles, kill/reset (Ctrl-C to stop)')
    .option('--json', 'one JSON object per event: {event, id, data}', false)
    .action(run(async (o: { json: boolean; gateway?: string }) => (await import('./commands/watch')).watch(o))), 'watch --gateway http://trader.lan:8080');

  // reads through the gateway
  ex(gatewayCmd('markets', 'markets with their latest volume, liquidity and hype, cursor-paged')
    .option('--q <text>', 'text in the question or slug')
    .option('--category <name>', 'only this category')
    .option('--status <status>', 'active (default), closed or all')
    .option('--sort <key>', 'hype (default), volume, liquidity or end_date')
    .option('--limit <n>', 'page size, 1..200 (default 50)')
    .option('--cursor <next>', 'the next page (printed under the table)')
    .option('--json', 'the API\'s JSON ({items, next})', false)
    .action(run((o: Parameters<typeof read.markets>[0]) => read.markets(o))), 'markets --q election --sort volume --limit 20');
  ex(gatewayCmd('market <id>', 'one market: latest snapshot, books, hype, Granger result, news, quality issues')
    .option('--from <iso>', 'series from (default 7 days before --to)')
    .option('--to <iso>', 'series to (default now)')
    .option('--json', 'the API\'s JSON, series included', false)
    .action(run((id: string, o: Parameters<typeof read.market>[1]) => read.market(id, o))), 'market 512345 --json');
  ex(gatewayCmd('signals', 'latest signals, newest first')
    .option('--status <status>', 'published (default), suppressed, halted, failed or all')
    .option('--market <id>', 'only this market')
    .option('--since <iso>', 'only at or after this time')
    .option('--limit <n>', '1..1000 (default 50)')
    .option('--json', 'the API\'s JSON', false)
    .action(run((o: Parameters<typeof read.signals>[0]) => read.signals(o))), 'signals --status all --limit 20');
  ex(gatewayCmd('positions', 'open positions at their last mark, with the latest book')
    .option('--json', 'the API\'s JSON', false)
    .action(run((o: read.ReadOptions) => read.positions(o))), 'positions');
  ex(gatewayCmd('trades', 'trades, newest first')
    .option('--since <iso>', 'only opened at or after this time')
    .option('--limit <n>', '1..1000 (default 200)')
    .option('--json', 'the API\'s JSON', false)
    .action(run((o: Parameters<typeof read.trades>[0]) => read.trades(o))), 'trades --since 2026-12-01');
  ex(gatewayCmd('pnl', 'realized, unrealized, fees, equity and trade counts (default: today, UTC)')
    .option('--from <iso>', 'from (default the start of today UTC)')
    .option('--to <iso>', 'to (default open-ended)')
    .option('--json', 'the API\'s JSON', false)
    .action(run((o: Parameters<typeof read.pnl>[0]) => read.pnl(o))), 'pnl --from 2026-12-01');
  ex(gatewayCmd('alerts', 'alert deliveries (sent / failed), newest first')
    .option('--limit <n>', '1..1000 (default 100)')
    .option('--json', 'the API\'s JSON', false)
    .action(run((o: Parameters<typeof read.alerts>[0]) => read.alerts(o))), 'alerts --limit 10');
  ex(gatewayCmd('services', 'every service: status, heartbeat age, version, uptime, RSS, breakers')
    .option('--json', 'the API\'s JSON', false)
    .action(run((o: read.ReadOptions) => read.services(o))), 'services --json');
  ex(gatewayCmd('journal', 'the trade journal: every signal decision, order, fill, close and realized PnL')
    .option('-s, --since <date>', 'only entries at or after this date (2026-11-30) or ISO time')
    .option('--limit <n>', 'through the gateway: at most n entries (1..1000, default 200)')
    .option('--csv', 'CSV output', false)
    .option('--json', 'JSON output', false)
    .option('--db <url|path>', `read this database directly instead of the gateway (offline). ${DB_OPTION_HELP}`)
    .action(run(async (o: { since?: string; limit?: string; csv: boolean; json: boolean; db?: string; gateway?: string }) => (await import('./commands/journal')).journal(o))), 'journal --since 2026-11-30 --csv');
  ex(gatewayCmd('calendar', 'upcoming resolutions and calendar events; which markets are inside the no-entry window')
    .option('-d, --days <n>', 'look ahead this many days (default 7; the gateway takes at most 366)', positiveInt)
    .option('-m, --market <id>', 'only what concerns this market, with whether it takes new entries now')
    .option('--json', 'the API\'s JSON (GET /api/calendar)', false)
    .option('--db <url|path>', `read this database directly instead of the gateway (offline). ${DB_OPTION_HELP}`)
    .action(run(async (o: { days?: number; market?: string; json: boolean; db?: string; gateway?: string }) => (await import('./commands/calendar')).calendar(o))), 'calendar --days 3 --market 12345');
  ex(gatewayCmd('logs', 'the services\' JSON logs, through the gateway (--local: this machine\'s files)')
    .option('-c, --component <name>', 'only this service')
    .option('-l, --level <level>', 'this level and above')
    .option('-n, --lines <n>', 'only the last n lines (gateway default 100, at most 1000)', positiveInt)
    .option('--since <iso>', 'only lines at or after this time')
    .option('-f, --follow', 'keep printing new lines (the gateway is polled every second)', false)
    .option('--local', 'read this machine\'s log files (logging.dir) instead of the gateway', false)
    .option('--json', 'print the raw JSON lines', false)
    .action(run((o: Parameters<typeof logs>[0]) => logs(o))), 'logs --component risk --level warn --follow');

  // acting: through the gateway when a system runs, else offline
  ex(gatewayCmd('kill', 'EMERGENCY STOP: system.kill through the gateway (or the bus); every service halts')
    .option('-r, --reason <text>', 'why (kept with the halted state)')
    .option('--json', 'the answer as JSON', false)
    .action(run((o: { reason?: string; gateway?: string; json: boolean }) => control('kill', o))), 'kill --reason "feed looks wrong"');
  ex(gatewayCmd('reset', 'resume after a kill: system.reset through the gateway (or the bus)')
    .option('-r, --reason <text>', 'why')
    .option('--json', 'the answer as JSON', false)
    .action(run((o: { reason?: string; gateway?: string; json: boolean }) => control('reset', o))), 'reset --reason "checked"');
  ex(gatewayCmd('reduce', 'risk REDUCING: only position-reducing orders pass (--off to resume)')
    .option('--off', 'leave REDUCING', false)
    .option('-r, --reason <text>', 'why')
    .option('--json', 'the answer as JSON', false)
    .action(run((o: { off: boolean; reason?: string; gateway?: string; json: boolean }) => control(o.off ? 'reduce-off' : 'reduce', o))), 'reduce --reason "volatile night"');
  ex(gatewayCmd('collect', 'one collection cycle now: the running collector through the gateway, else in this process')
    .option('--once', 'run the cycle in this process (offline), even when a system runs', false)
    .option('--json', 'print the answer / cycle report as JSON', false)
    .option('--db <url|path>', `run offline on this database. ${DB_OPTION_HELP}`)
    .action(run((o: { once: boolean; json: boolean; db?: string; gateway?: string }) => collect(o))), 'collect --once --json');
  ex(gatewayCmd('analyze', 'one analysis run now (Granger ranking, microstructure): the running analyzer, else in this process')
    .option('--once', 'run in this process (offline), even when a system runs', false)
    .option('--json', 'print the answer / run report as JSON', false)
    .option('--top <n>', 'offline: only the n strongest markets of the ranking', positiveInt)
    .option('--db <url|path>', `run offline on this database. ${DB_OPTION_HELP}`)
    .action(run(async (o: { json: boolean; top?: number; db?: string; once: boolean; gateway?: string }) => (await import('./commands/analyze')).analyze(o))), 'analyze --once --top 10');

  // offline tools
  ex(program.command('sim').description('run the local API simulator (Gamma, CLOB, X, RSS, Telegram)')
    .option('-p, --port <port>', 'port (default 8790)', positiveInt)
    .option('-m, --markets <n>', 'number of markets', positiveInt)
    .option('-s, --seed <n>', 'random seed', positiveInt)
    .option('--latency <ms>', 'added latency per request', Number)
    .action(run(async (o: { port?: number; markets?: number; seed?: number; latency?: number }) =>
      (await import('./commands/sim')).sim({ port: o.port, markets: o.markets, seed: o.seed, latencyMs: o.latency }))), 'sim --port 8790 --markets 50');
  ex(program.command('sentiment [text...]').description('VADER sentiment of a text: neg, neu, pos, compound')
    .option('-f, --file <path>', 'score one text per line of this file (- for stdin); one output line per input line')
    .option('--json', 'JSON output (one object per line with --file)', false)
    .action(run(async (text: string[], o: { file?: string; json: boolean }) =>
      (await import('./commands/sentiment')).sentiment({ text: text.join(' '), file: o.file, json: o.json }))), 'sentiment "great news for the yes side"');
  ex(program.command('granger').description("Granger causality F test, as R's lmtest::grangertest: does --cause help predict --effect?")
    .requiredOption('--csv <file>', 'CSV file with a header row')
    .requiredOption('--cause <column>', 'the column that may lead')
    .requiredOption('--effect <column>', 'the column that may follow')
    .requiredOption('--lags <n>', 'order of the test (lags of both series)', positiveInt)
    .option('--json', 'print {"F","df1","df2","p"}', false)
    .action(run(async (o: { csv: string; cause: string; effect: string; lags: number; json: boolean }) =>
      (await import('./commands/granger')).granger(o))), 'granger --csv series.csv --cause hype --effect price --lags 2');
  ex(program.command('profile').description('per-stage cycle timings (p50, p95, max, share, budgets) from stage_timings; --cpu: a V8 CPU profile of a running service')
    .option('--cycle <name>', 'only this cycle (collection, quality, hype, analysis, signals, risk, notify)')
    .option('--last <n>', `the newest n cycles of each cycle (default 20)`, positiveInt)
    .option('--json', 'machine-readable report', false)
    .option('--db <url|path>', DB_OPTION_HELP)
    .option('--cpu <service>', 'ask this running service over the bus for a CPU profile (.cpuprofile under its data directory)')
    .option('--seconds <n>', 'with --cpu: how long to profile, 1..120')
    .action(run(async (o: { cycle?: string; last?: number; json: boolean; db?: string; cpu?: string; seconds?: string }) => (await import('./commands/profile')).profile(o))), 'profile --cycle collection --last 50');
  ex(program.command('stats').description("performance metrics of a return series with empyrical's definitions: total/annual return, volatility, Sharpe, Sortino, downside risk, max drawdown, Calmar")
    .requiredOption('--returns <file>', 'one-column CSV of simple returns per period (header optional; NA, NaN or "" = a missing period; blank lines skipped)')
    .option('--risk-free <rate|file>', 'per-period risk-free rate for Sharpe: a number, or a one-column CSV aligned with the returns (default 0)')
    .option('--required-return <rate|file>', 'per-period minimum acceptable return for Sortino and downside risk (default 0)')
    .option('--period <period>', 'daily (252 per year), weekly (52) or monthly (12)', 'daily')
    .option('--annualization <n>', 'periods per year, overriding --period (the backtest uses 365: these markets trade every day)')
    .option('--json', 'one object with every metric (NaN → null, ±Infinity → "Infinity"/"-Infinity")', false)
    .action(run(async (o: { returns: string; riskFree?: string; requiredReturn?: string; period: string; annualization?: string; json: boolean }) =>
      (await import('./commands/stats')).stats(o))), 'stats --returns daily-returns.csv --annualization 365 --json');
  ex(program.command('montecarlo').description('Monte Carlo validation of closed trades: reshuffle, bootstrap, block bootstrap of daily returns, random-entry null p-value (docs/validation.md)')
    .option('--trades <file>', 'closed trades from a CSV (entry_time, exit_time, pnl, stake[, market, side]) or JSON file instead of the database')
    .option('--db <url|path>', `the closed trades of this database (the default source). ${DB_OPTION_HELP}`)
    .option('--sims <n>', 'simulations per method (default 1000)', positiveInt)
    .option('--seed <n>', 'random seed, 0..4294967295 (default 1): the same seed gives the same numbers on any machine')
    .option('--ruin-floor <pct>', 'ruined = equity below this percentage of the starting equity at any point (default 50)')
    .option('--equity <usdc>', 'starting equity (default portfolio.initial_equity, or the JSON file\'s startEquity)')
    .option('--json', 'the full report as JSON', false)
    .action(run(async (o: { trades?: string; db?: string; sims?: number; seed?: string; ruinFloor?: string; equity?: string; json: boolean }) =>
      (await import('./commands/montecarlo')).montecarlo(o))), 'montecarlo --sims 1000 --seed 7 --ruin-floor 60 --json');
  const db = program.command('db').description('database (offline: reads and writes it directly)');
  ex(db.command('optimize').description('retention of every growing table (storage.*_retention_days), VACUUM/ANALYZE, index statistics')
    .option('--json', 'machine-readable report', false)
    .option('--db <url|path>', DB_OPTION_HELP)
    .action(run(async (o: { json: boolean; db?: string }) => (await import('./commands/db')).dbOptimize(o))), 'db optimize --db data/polytrader.sqlite');
  ex(db.command('stats').description('rows and bytes per table, largest first, and which database it read')
    .option('--json', 'machine-readable output', false)
    .option('--db <url|path>', DB_OPTION_HELP)
    .action(run(async (o: { json: boolean; db?: string }) => (await import('./commands/db')).dbStats(o))), 'db stats');
  const config = program.command('config').description('configuration');
  ex(config.command('validate [file]').description('check a config file without starting anything (exit 1 on errors)')
    .action(run((file?: string) => configValidate(file))), 'config validate config.yaml');

  program.addHelpText('after', () => {
    const width = Math.max(...[...examples.keys()].map((k) => k.length));
    return `\nExamples (polytrader <command> --help for each one's options):\n${[...examples].map(([name, line]) => `  ${name.padEnd(width)}  $ polytrader ${line}`).join('\n')}\n\n` +
      'Gateway: --gateway URL, else GATEWAY_URL, else the running system\'s (data/run/polytrader.json), else http://localhost:<gateway.port>; token GATEWAY_TOKEN. See docs/cli.md.\n';
  });
  return program;
}
