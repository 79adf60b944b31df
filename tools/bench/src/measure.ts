import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) * 1024 : NaN;
}

/**
 * CPU time (user + system, all threads) a process has used so far, in ms, from /proc (Linux). Clock ticks
 * are USER_HZ, 100 per second on every Linux ABI this runs on.
 */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** RSS of a bare idle Node process on this machine: the baseline for service RSS. */
export async function bareNodeRss(settleMs: number): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, settleMs));
  const rss = rssOf(child.pid!);
  child.kill();
  return rss;
}

export const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
export const ms = (v: number): string => v.toFixed(2);
