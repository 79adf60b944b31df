import { LEVELS, LevelName, LogFilter, formatLogLine, loadConfig, logFiles, matches, parseLogLine, readLogs } from '@polytrader/platform';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export interface LogsOptions {
  readonly component?: string;
  readonly level?: string;
  readonly follow?: boolean;
  readonly json?: boolean;
  readonly lines?: number;
}

/** `polytrader logs [--component X] [--level L] [--follow]`. */
export async function logs(options: LogsOptions): Promise<number> {
  if (options.level && !(LEVELS as readonly string[]).includes(options.level)) {
    process.stderr.write(`--level must be one of ${LEVELS.join(', ')}, got "${options.level}"\n`);
    return 1;
  }
  const dir = resolve(loadConfig().config.logging.dir);
  const filter: LogFilter = { component: options.component, level: options.level as LevelName | undefined };
  const print = (line: NonNullable<ReturnType<typeof parseLogLine>>) =>
    process.stdout.write(`${options.json ? JSON.stringify(line.raw) : formatLogLine(line)}\n`);
  const all = readLogs(dir, filter);
  for (const line of options.lines ? all.slice(-options.lines) : all) print(line);
  if (!options.follow) return 0;
  await follow(dir, filter, print);
  return 0;
}

/** Polls the log files for appended lines (rotation creates new files, picked up on the next poll). */
async function follow(dir: string, filter: LogFilter, print: (l: NonNullable<ReturnType<typeof parseLogLine>>) => void): Promise<never> {
  const offsets = new Map<string, number>();
  for (const f of logFiles(dir, filter.component)) offsets.set(f, statSync(f).size);
  const partial = new Map<string, string>();
  for (;;) {
    for (const f of logFiles(dir, filter.component)) {
      const size = statSync(f).size;
      const from = offsets.get(f) ?? 0;
      if (size <= from) continue;
      const buf = Buffer.alloc(size - from);
      const fd = openSync(f, 'r');
      readSync(fd, buf, 0, buf.length, from);
      closeSync(fd);
      offsets.set(f, size);
      const text = (partial.get(f) ?? '') + buf.toString('utf8');
      const parts = text.split('\n');
      partial.set(f, parts.pop() ?? '');
      for (const p of parts) {
        const line = parseLogLine(p);
        if (line && matches(line, filter)) print(line);
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
