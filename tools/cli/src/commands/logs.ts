import { LEVELS, LevelName, LogFilter, LogLine, formatLogLine, loadConfig, logFiles, matches, parseLogLine, readLogs } from '@polytrader/platform';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { GatewayClient } from '../gateway/gateway-client';
import { gatewayClient } from './read';

export interface LogsOptions {
  readonly component?: string;
  readonly level?: string;
  readonly follow?: boolean;
  readonly json?: boolean;
  readonly lines?: number;
  /** ISO time or date: only lines at or after it */
  readonly since?: string;
  /** read this machine's log files (logging.dir) instead of the gateway's /api/logs */
  readonly local?: boolean;
  readonly gateway?: string;
}

const FOLLOW_POLL_MS = 1000;

/**
 * `polytrader logs [--component X] [--level L] [--since T] [-n N] [--follow] [--local]`: the services' logs
 * through the gateway (GET /api/logs: the gateway machine's log files, the last N lines, default 100;
 * --follow polls it every second), or with --local this machine's log files (all lines; --follow tails them).
 */
export async function logs(options: LogsOptions): Promise<number> {
  if (options.level && !(LEVELS as readonly string[]).includes(options.level)) {
    process.stderr.write(`--level must be one of ${LEVELS.join(', ')}, got "${options.level}"\n`);
    return 1;
  }
  if (!options.local) return logsViaGateway(options);
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

async function logsViaGateway(options: LogsOptions): Promise<number> {
  const client = gatewayClient(options.gateway);
  const print = (line: LogLine) => process.stdout.write(`${options.json ? JSON.stringify(line.raw) : formatLogLine(line)}\n`);
  const query = { component: options.component, level: options.level };
  const first = await client.get<LogLine[]>('/api/logs', { ...query, since: options.since, limit: options.lines });
  for (const line of first) print(line);
  if (!options.follow) return 0;
  await followGateway(client, query, first, print);
  return 0;
}

/**
 * Polls /api/logs for lines at or after the last one printed. `since` is inclusive, so the lines of that
 * last instant come again: they are recognised by their content and skipped.
 */
async function followGateway(client: GatewayClient, query: { component?: string; level?: string }, seen: LogLine[], print: (l: LogLine) => void): Promise<never> {
  let since = seen.at(-1)?.time ?? new Date().toISOString();
  let atSince = new Set(seen.filter((l) => l.time === since).map((l) => JSON.stringify(l.raw)));
  for (;;) {
    await new Promise((r) => setTimeout(r, FOLLOW_POLL_MS));
    const lines = await client.get<LogLine[]>('/api/logs', { ...query, since, limit: 1000 });
    for (const line of lines) {
      const key = JSON.stringify(line.raw);
      if (line.time === since && atSince.has(key)) continue;
      print(line);
      if (line.time > since) {
        since = line.time;
        atSince = new Set();
      }
      atSince.add(key);
    }
  }
}
