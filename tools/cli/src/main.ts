import { Command, InvalidArgumentError } from 'commander';
import { configValidate } from './commands/config-validate';
import { publishControl } from './commands/control';
import { logs } from './commands/logs';
import { ping, status } from './commands/status';
import { start } from './orchestrator/orchestrator';
import { stop } from './orchestrator/stop';

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
  .action(run((o: { verbose: boolean }) => start(o)));
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
const config = program.command('config').description('configuration');
config.command('validate [file]').description('check a config file without starting anything (exit 1 on errors)')
  .action(run((file?: string) => configValidate(file)));

void program.parseAsync(process.argv);
