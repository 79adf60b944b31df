import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LevelName = (typeof LEVELS)[number];

export interface LogLine {
  readonly time: string;
  readonly level: string;
  readonly component: string;
  readonly msg: string;
  readonly raw: Record<string, unknown>;
}

export interface LogFilter {
  readonly component?: string;
  readonly level?: LevelName;
}

/** The log files of a directory, oldest rotation first so lines come out in order. */
export function logFiles(dir: string, component?: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^[\w-]+\.\d+\.log$/.test(f) && (!component || f.startsWith(`${component}.`)))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs || a.localeCompare(b));
}

export function parseLogLine(text: string): LogLine | null {
  if (!text.trim()) return null;
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    if (typeof raw !== 'object' || raw === null) return null;
    return {
      time: String(raw.time ?? ''),
      level: String(raw.level ?? 'info'),
      component: String(raw.component ?? '?'),
      msg: String(raw.msg ?? ''),
      raw,
    };
  } catch {
    return null;
  }
}

export function matches(line: LogLine, filter: LogFilter): boolean {
  if (filter.component && line.component !== filter.component) return false;
  if (filter.level && levelRank(line.level) < levelRank(filter.level)) return false;
  return true;
}

export function levelRank(level: string): number {
  const i = (LEVELS as readonly string[]).indexOf(level);
  return i < 0 ? LEVELS.indexOf('info') : i;
}

/** Every matching line of the directory, merged across services by time. */
export function readLogs(dir: string, filter: LogFilter = {}): LogLine[] {
  const lines: LogLine[] = [];
  for (const file of logFiles(dir, filter.component)) {
    for (const text of readFileSync(file, 'utf8').split('\n')) {
      const line = parseLogLine(text);
      if (line && matches(line, filter)) lines.push(line);
    }
  }
  return lines.sort((a, b) => a.time.localeCompare(b.time));
}

/** One human-readable line: time level component msg {metrics}. */
export function formatLogLine(line: LogLine): string {
  const metrics = line.raw.metrics ? ` ${JSON.stringify(line.raw.metrics)}` : '';
  const err = line.raw.err && typeof line.raw.err === 'object' ? ` ${(line.raw.err as { message?: string }).message ?? ''}` : '';
  return `${line.time} ${line.level.toUpperCase().padEnd(5)} [${line.component}] ${line.msg}${metrics}${err}`;
}
