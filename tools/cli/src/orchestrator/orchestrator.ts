import { SERVICE_NAMES } from '@polytrader/contracts';
import { ConfigError, createLogger, flushLogger, loadConfig, serviceNodeFlags, workspaceRoot } from '@polytrader/platform';
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NO_NATS_HELP, natsAnswers, startLocalNats } from './local-nats';
import { readRunInfo, removeRunInfo, writeRunInfo } from './pidfile';
import { Supervisor } from './supervisor';

export interface StartOptions {
  readonly verbose: boolean;
  /** against the local simulator: outside APIs point at it, data goes to data/demo.sqlite */
  readonly demo?: boolean;
}

const STOP_GRACE_MS = 15_000;

/** The demo's config (1-minute grid, data/demo.sqlite), unless POLYTRADER_CONFIG names another. */
export const DEMO_CONFIG = 'config/demo.yaml';

/** `polytrader start`: NATS (found or started), then the seven services, supervised. Runs until SIGTERM/SIGINT. */
export async function start(options: StartOptions): Promise<number> {
  let loaded;
  const demoConfig = options.demo && !process.env.POLYTRADER_CONFIG ? resolve(workspaceRoot(), DEMO_CONFIG) : undefined;
  try {
    loaded = loadConfig(demoConfig ? { path: demoConfig } : {});
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`refusing to start, invalid config\n${err.message}\n`);
    return 1;
  }
  const running = readRunInfo();
  if (running) {
    process.stderr.write(`polytrader is already running (pid ${running.pid}); stop it with: polytrader stop\n`);
    return 1;
  }
  const { config } = loaded;
  const logger = await createLogger({ component: 'orchestrator', config: config.logging, stdout: false });
  const say = (msg: string) => {
    process.stdout.write(`${msg}\n`);
    logger.info(msg);
  };
  const root = workspaceRoot();
  const missing = SERVICE_NAMES.filter((n) => !existsSync(appEntry(root, n)));
  if (missing.length) {
    process.stderr.write(`not built: ${missing.join(', ')} — run: npm run build\n`);
    return 1;
  }

  const url = config.bus.url;
  let nats: ChildProcess | null = null;
  if (!(await natsAnswers(url))) {
    nats = await startLocalNats(url, resolve(config.logging.dir));
    if (!nats) {
      process.stderr.write(`${NO_NATS_HELP(url)}\n`);
      return 1;
    }
    say(`started nats-server -js for ${url} (store: data/nats)`);
  } else {
    say(`using the NATS server at ${url}`);
  }

  const demo = options.demo ? await startDemo(say, config.data_collection.interval_minutes) : null;
  const env: NodeJS.ProcessEnv = { ...process.env, NATS_URL: url, ...(loaded.file ? { POLYTRADER_CONFIG: loaded.file } : {}), ...demo?.env };
  // what every service will use, as loadConfig sees it with their environment
  const storageUrl = env.DATABASE_URL?.trim() || config.storage.url;
  const gatewayPort = Number(env.GATEWAY_PORT) || config.gateway.port;
  let stopping = false;
  const supervisors = SERVICE_NAMES.map(
    (name) =>
      new Supervisor({ name, command: process.execPath, args: [...serviceNodeFlags(name), appEntry(root, name)], env, cwd: process.cwd(), verbose: options.verbose }, (e) => {
        if (e.kind === 'started') logger.info({ metrics: { service: e.name, pid: e.pid } }, `${e.name} started`);
        if (e.kind === 'exited') logger[stopping ? 'info' : 'warn']({ metrics: { service: e.name, code: e.code, signal: e.signal } }, `${e.name} exited`);
        if (e.kind === 'restarting') say(`${e.name} exited unexpectedly; restarting in ${e.delayMs} ms`);
      }),
  );
  for (const s of supervisors) s.start();
  const gatewayUrl = `http://localhost:${gatewayPort}`;
  writeRunInfo({
    pid: process.pid, startedAt: new Date().toISOString(), natsUrl: url, ownNats: nats !== null,
    storageUrl, gatewayUrl, configFile: loaded.file, demo: Boolean(options.demo), apiEnv: demo?.apiEnv ?? {},
  });
  say(`polytrader started: ${SERVICE_NAMES.length} services (gateway on ${gatewayUrl}, database ${storageUrl}, ` +
    `${config.data_collection.interval_minutes}-minute grid${loaded.file ? `, config ${loaded.file}` : ''}). ` +
    `Check: npx polytrader status · Stop: npx polytrader stop · Emergency: npx polytrader kill --reason "..."`);
  if (demo && !process.env.GATEWAY_TOKEN?.trim()) {
    say(`demo: dashboard on ${gatewayUrl}/ — token ${env.GATEWAY_TOKEN} (for the CLI: export GATEWAY_TOKEN=${env.GATEWAY_TOKEN}; set GATEWAY_TOKEN to choose it)`);
  } else {
    say(`dashboard on ${gatewayUrl}/ (log in with GATEWAY_TOKEN)`);
  }

  await new Promise<void>((resolveStop) => {
    process.once('SIGTERM', resolveStop);
    process.once('SIGINT', resolveStop);
  });
  stopping = true;
  say('stopping: services first, then the bus');
  await Promise.all(supervisors.map((s) => s.stop(STOP_GRACE_MS)));
  if (nats) await stopChild(nats);
  await demo?.close();
  removeRunInfo();
  say('polytrader stopped');
  await flushLogger(logger);
  return 0;
}

const DEMO_CHAT_ID = 424242;

/** The simulator in this process, and the environment that points every service at it. */
async function startDemo(say: (m: string) => void, intervalMinutes: number): Promise<{ env: NodeJS.ProcessEnv; apiEnv: Record<string, string>; close: () => Promise<void> }> {
  const { startSimulator } = await import('@polytrader/simulator');
  // The simulator's grid is the demo config's, so its ground truth (hype leads price by k intervals) is on the
  // grid the collector, hype and analysis use. X's limit is raised: a 1-minute hype cycle asks 50 markets a minute.
  const sim = await startSimulator({
    port: Number(process.env.SIM_PORT ?? 8790), markets: Number(process.env.SIM_MARKETS ?? 50), intervalMinutes, xRateLimit: 100_000,
  });
  say(`demo: simulator on ${sim.url} (Gamma, CLOB, X, RSS, Telegram) on a ${intervalMinutes}-minute grid`);
  const apiEnv: Record<string, string> = {
    GAMMA_API_URL: sim.urls.gamma,
    CLOB_API_URL: sim.urls.clob,
    X_API_URL: sim.urls.x,
    HYPE_RSS_FEEDS: process.env.HYPE_RSS_FEEDS ?? sim.urls.rss,
    TELEGRAM_API_ROOT: sim.urls.telegram,
  };
  const env: NodeJS.ProcessEnv = {
    ...apiEnv,
    // one demo chat gets the alerts and may command (inject updates through the simulator's control routes)
    TELEGRAM_CHAT_IDS: process.env.TELEGRAM_CHAT_IDS ?? String(DEMO_CHAT_ID),
    TELEGRAM_ADMIN_CHAT_IDS: process.env.TELEGRAM_ADMIN_CHAT_IDS ?? String(DEMO_CHAT_ID),
    // the simulator's sender is the chat itself (a private chat): that user may /kill, /reset, /reduce
    TELEGRAM_ADMIN_USER_IDS: process.env.TELEGRAM_ADMIN_USER_IDS ?? String(DEMO_CHAT_ID),
    // config/demo.yaml says data/demo.sqlite too; this keeps a POLYTRADER_CONFIG'd demo off the real database
    DATABASE_URL: process.env.DATABASE_URL ?? 'data/demo.sqlite',
    X_BEARER_TOKEN: process.env.X_BEARER_TOKEN ?? 'demo-bearer-token',
    TELEGRAM_BOT_TOKEN: process.env.TELEGRAM_BOT_TOKEN ?? '123456:demo-bot-token',
    // the dashboard and the control API need a token: a demo without one gets a fresh one, printed at start
    GATEWAY_TOKEN: process.env.GATEWAY_TOKEN?.trim() || randomBytes(16).toString('hex'),
  };
  return { env, apiEnv, close: () => sim.close() };
}

function appEntry(root: string, name: string): string {
  return join(root, 'dist', 'apps', name, 'main.js');
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((r) => {
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}
