import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface RunInfo {
  readonly pid: number;
  readonly startedAt: string;
  readonly natsUrl: string;
  readonly ownNats: boolean;
}

export const PIDFILE = resolve('data/run/polytrader.json');

export function readRunInfo(file = PIDFILE): RunInfo | null {
  if (!existsSync(file)) return null;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as RunInfo;
    return isAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
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
