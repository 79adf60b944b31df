import { AppConfig, loadConfig } from '@polytrader/platform';
import { relative } from 'node:path';
import { RunInfo, isAlive, readRunFile, runFilePath } from '../orchestrator/pidfile';

/**
 * Which database (and gateway, config, API URLs) a CLI command works on — one resolver for every
 * command that reads data (journal, analyze, calendar, collect, db …). In order:
 *   1. `--db <url|path>` given to the command;
 *   2. DATABASE_URL in the environment (an explicit choice, as for the services);
 *   3. the run file of a running `polytrader start` (data/run/polytrader.json: storage and gateway URL,
 *      config file, and for the demo the simulator's URLs) — so `npm run demo` then `polytrader journal`
 *      reads data/demo.sqlite;
 *   4. storage.url of the config (config.yaml or POLYTRADER_CONFIG).
 * A run file whose pid is gone is stale: ignored, and said so.
 */
export interface ResolvedRun {
  /** the config to use, storage.url set to the resolved database */
  readonly config: AppConfig;
  /** storage.url as the services take it: a SQLite path or postgres://… */
  readonly storageUrl: string;
  /** where it came from: "--db", "DATABASE_URL", "data/run/polytrader.json", "config.yaml", "defaults" … */
  readonly source: string;
  readonly gatewayUrl: string;
  /** the config file read (absolute), null on defaults */
  readonly configFile: string | null;
  /** the running system's run file, when one is alive */
  readonly run: RunInfo | null;
  /** extra environment for a service entry run in once-mode (DATABASE_URL, POLYTRADER_CONFIG, the run's API URLs) */
  readonly childEnv: Readonly<Record<string, string>>;
  /** e.g. "database: sqlite:data/demo.sqlite (from data/run/polytrader.json)" */
  readonly line: string;
}

export interface ResolveRunOptions {
  /** --db <url|path>: `sqlite:<path>`, a path, or postgres://… */
  readonly db?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** run file path (default data/run/polytrader.json or POLYTRADER_RUN_FILE) */
  readonly runFile?: string;
  /** tests: decide whether a pid runs */
  readonly isAlive?: (pid: number) => boolean;
}

/** `sqlite:data/x.sqlite`, `sqlite://data/x.sqlite` → `data/x.sqlite`; anything else as given. */
export function normalizeDbUrl(value: string): string {
  const v = value.trim();
  if (!v) throw new Error('--db: expected a SQLite path, sqlite:<path> or a postgres:// URL, got an empty value');
  const m = /^sqlite:(?:\/\/)?(.+)$/i.exec(v);
  return m ? m[1] : v;
}

/** A database for humans: `sqlite:<path>` or the postgres URL with its password hidden. */
export function describeDbUrl(url: string): string {
  if (/^postgres(ql)?:\/\//i.test(url)) return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
  return `sqlite:${url}`;
}

export function resolveRun(options: ResolveRunOptions = {}): ResolvedRun {
  const env = options.env ?? process.env;
  const runFile = options.runFile ?? runFilePath(env);
  const alive = options.isAlive ?? isAlive;
  const written = readRunFile(runFile);
  const run = written && typeof written.pid === 'number' && alive(written.pid) ? written : null;
  const staleNote = written && !run ? `; ${shown(runFile)} is stale (pid ${written.pid} is not running)` : '';

  // The running system's config file (the demo's config/demo.yaml) unless the caller names one.
  const configFromRun = run?.configFile && !env.POLYTRADER_CONFIG ? run.configFile : undefined;
  const loaded = loadConfig({ env, ...(configFromRun ? { path: configFromRun } : {}) });
  const config = loaded.config;

  let storageUrl: string;
  let source: string;
  if (options.db !== undefined) {
    storageUrl = normalizeDbUrl(options.db);
    source = '--db';
  } else if (env.DATABASE_URL?.trim()) {
    storageUrl = config.storage.url; // loadConfig applied DATABASE_URL
    source = 'DATABASE_URL';
  } else if (run?.storageUrl) {
    storageUrl = run.storageUrl;
    source = shown(runFile);
  } else {
    storageUrl = config.storage.url;
    source = loaded.file ? shown(loaded.file) : 'defaults';
  }
  const gatewayUrl = run?.gatewayUrl ?? `http://localhost:${config.gateway.port}`;
  const childEnv: Record<string, string> = { ...(run?.apiEnv ?? {}), DATABASE_URL: storageUrl };
  if (configFromRun) childEnv.POLYTRADER_CONFIG = configFromRun;
  const resolved = { ...config, storage: { ...config.storage, url: storageUrl } } as AppConfig;
  Object.setPrototypeOf(resolved, Object.getPrototypeOf(config));
  return {
    config: resolved, storageUrl, source, gatewayUrl, configFile: configFromRun ?? loaded.file, run, childEnv,
    line: `database: ${describeDbUrl(storageUrl)} (from ${source}${staleNote})`,
  };
}

/** resolveRun, and the one stderr line naming the database; a bad config is reported as loadConfig does. */
export function resolveRunAndSay(options: ResolveRunOptions = {}, write: (s: string) => void = (s) => void process.stderr.write(s)): ResolvedRun {
  const r = resolveRun(options);
  write(`${r.line}\n`);
  return r;
}

function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}
