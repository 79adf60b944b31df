import { Command, InvalidArgumentError } from 'commander';
import { collect } from './commands/collect';
import { configValidate } from './commands/config-validate';
import { publishControl } from './commands/control';
import { logs } from './commands/logs';
import { ping, status } from './commands/status';
import { start } from './orchestrator/orchestrator';
import { stop } from './orchestrator/stop';

/** The one order every data-reading command resolves its database in (commands/resolve-run.ts). */
const DB_OPTION_HELP = 'database to read (SQLite path, sqlite:<path> or postgres://…); default: DATABASE_URL, else the running system\'s (data/run/polytrader.json), else storage.url';

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

const program = new Command('polytrader').description('Polymarket hype trading system').showHelpAfterError();

program.command('start').description('run NATS (if none answers) and all seven services, supervised')
  .option('-v, --verbose', "pass the services' JSON logs through to stdout", false)
  .option('--demo', 'run against the local API simulator (no outside network, separate data/demo.sqlite)', false)
  .action(run((o: { verbose: boolean; demo: boolean }) => start(o)));
program.command('stop').description('stop a running `polytrader start` gracefully').action(run(() => stop()));
program.command('status').description('every service\'s state (exit 1 unless all run)')
  .option('--json', 'machine-readable output', false)
  .action(run((o: { json: boolean }) => status(o.json)));
program.command('ping <service>').description('exit 0 if the service answers on the bus (healthchecks)')
  .action(run((service: string) => ping(service)));
program.command('kill').description('EMERGENCY STOP: publish system.kill; every service halts')
  .option('-r, --reason <text>', 'why (kept with the halted state)')
  .action(run((o: { reason?: string }) => publishControl('kill', o.reason)));
program.command('reset').description('resume after a kill: publish system.reset')
  .option('-r, --reason <text>', 'why')
  .action(run((o: { reason?: string }) => publishControl('reset', o.reason)));
program.command('logs').description('read the services\' JSON logs')
  .option('-c, --component <name>', 'only this service')
  .option('-l, --level <level>', 'this level and above')
  .option('-n, --lines <n>', 'only the last n lines', positiveInt)
  .option('-f, --follow', 'keep printing new lines', false)
  .option('--json', 'print the raw JSON lines', false)
  .action(run((o: Parameters<typeof logs>[0]) => logs(o)));
program.command('collect').description('one collection cycle now, without the other services')
  .option('--once', 'run one cycle and exit', false)
  .option('--json', 'print the cycle report as JSON', false)
  .option('--db <url|path>', DB_OPTION_HELP)
  .action(run((o: { once: boolean; json: boolean; db?: string }) => collect(o)));
program.command('analyze').description('one analysis run now: Granger hype/price ranking and book microstructure, stored and published')
  .option('--json', 'print the run report as JSON', false)
  .option('--top <n>', 'only the n strongest markets of the ranking', positiveInt)
  .option('--db <url|path>', DB_OPTION_HELP)
  .action(run(async (o: { json: boolean; top?: number; db?: string }) => (await import('./commands/analyze')).analyze(o)));
program.command('sim').description('run the local API simulator (Gamma, CLOB, X, RSS, Telegram)')
  .option('-p, --port <port>', 'port (default 8790)', positiveInt)
  .option('-m, --markets <n>', 'number of markets', positiveInt)
  .option('-s, --seed <n>', 'random seed', positiveInt)
  .option('--latency <ms>', 'added latency per request', Number)
  .action(run(async (o: { port?: number; markets?: number; seed?: number; latency?: number }) =>
    (await import('./commands/sim')).sim({ port: o.port, markets: o.markets, seed: o.seed, latencyMs: o.latency })));
program.command('sentiment [text...]').description('VADER sentiment of a text: neg, neu, pos, compound')
  .option('-f, --file <path>', 'score one text per line of this file (- for stdin); one output line per input line')
  .option('--json', 'JSON output (one object per line with --file)', false)
  .action(run(async (text: string[], o: { file?: string; json: boolean }) =>
    (await import('./commands/sentiment')).sentiment({ text: text.join(' '), file: o.file, json: o.json })));
program.command('granger').description("Granger causality F test, as R's lmtest::grangertest: does --cause help predict --effect?")
  .requiredOption('--csv <file>', 'CSV file with a header row')
  .requiredOption('--cause <column>', 'the column that may lead')
  .requiredOption('--effect <column>', 'the column that may follow')
  .requiredOption('--lags <n>', 'order of the test (lags of both series)', positiveInt)
  .option('--json', 'print {"F","df1","df2","p"}', false)
  .action(run(async (o: { csv: string; cause: string; effect: string; lags: number; json: boolean }) =>
    (await import('./commands/granger')).granger(o)));
program.command('calendar').description('upcoming resolutions and calendar events; which markets are inside the no-entry window')
  .option('-d, --days <n>', 'look ahead this many days (default 7)', positiveInt)
  .option('--json', 'machine-readable output', false)
  .option('--db <url|path>', DB_OPTION_HELP)
  .action(run(async (o: { days?: number; json: boolean; db?: string }) => (await import('./commands/calendar')).calendar(o)));
program.command('journal').description('the trade journal: every signal decision, order, fill, close and realized PnL')
  .option('-s, --since <date>', 'only entries at or after this date (2026-11-30) or ISO time')
  .option('--csv', 'CSV output', false)
  .option('--json', 'JSON output', false)
  .option('--db <url|path>', DB_OPTION_HELP)
  .action(run(async (o: { since?: string; csv: boolean; json: boolean; db?: string }) => (await import('./commands/journal')).journal(o)));
program.command('reduce').description('risk REDUCING: only position-reducing orders pass (--off to resume)')
  .option('--off', 'leave REDUCING', false)
  .option('-r, --reason <text>', 'why')
  .action(run(async (o: { off: boolean; reason?: string }) => (await import('./commands/reduce')).reduce(o)));
const db = program.command('db').description('database');
db.command('optimize').description('retention of every growing table (storage.*_retention_days), VACUUM/ANALYZE, index statistics')
  .option('--json', 'machine-readable report', false)
  .option('--db <url|path>', DB_OPTION_HELP)
  .action(run(async (o: { json: boolean; db?: string }) => (await import('./commands/db')).dbOptimize(o)));
db.command('stats').description('rows and bytes per table, largest first, and which database it read')
  .option('--json', 'machine-readable output', false)
  .option('--db <url|path>', DB_OPTION_HELP)
  .action(run(async (o: { json: boolean; db?: string }) => (await import('./commands/db')).dbStats(o)));
const config = program.command('config').description('configuration');
config.command('validate [file]').description('check a config file without starting anything (exit 1 on errors)')
  .action(run((file?: string) => configValidate(file)));

void program.parseAsync(process.argv);
