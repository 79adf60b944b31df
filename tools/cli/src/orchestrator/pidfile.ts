import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface RunInfo {
  readonly pid: number;
  readonly startedAt: string;
  readonly natsUrl: string;
  readonly ownNats: boolean;
  /** storage.url every service of this run uses (a SQLite path or postgres://…); CLI commands read it (resolveRun) */
  readonly storageUrl?: string;
  /** the gateway of this run, e.g. http://localhost:8080 */
  readonly gatewayUrl?: string;
  /** the config file the services read (absolute), or null on defaults */
  readonly configFile?: string | null;
  /** true for `start --demo` */
  readonly demo?: boolean;
  /** outside-API URLs the services were pointed at (the demo's simulator), no secrets */
  readonly apiEnv?: Readonly<Record<string, string>>;
}

/** Run file of `polytrader start`; POLYTRADER_RUN_FILE points elsewhere (tests). */
export function runFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.POLYTRADER_RUN_FILE || 'data/run/polytrader.json');
}

/** The run file as written, alive or not; null when absent or unreadable. */
export function readRunFile(file = runFilePath()): RunInfo | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunInfo;
  } catch {
    return null;
  }
}

export const PIDFILE = runFilePath();

/** The run file of a running `polytrader start` (its pid alive); null otherwise. */
export function readRunInfo(file = PIDFILE): RunInfo | null {
  const info = readRunFile(file);
  return info && typeof info.pid === 'number' && isAlive(info.pid) ? info : null;
}

export function writeRunInfo(info: RunInfo, file = PIDFILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(info, null, 2));
}

export function removeRunInfo(file = PIDFILE): void {
  rmSync(file, { force: true });
}

/** True while the process runs. A zombie (exited, not yet reaped by its parent) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) S ..." — the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}
