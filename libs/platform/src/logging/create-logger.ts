import { SecretScrubber } from './secret-scrubber';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import pinoRoll from 'pino-roll';
import { LoggingConfig } from '../config/sections';

export type { Logger } from 'pino';

export interface LoggerSetup {
  readonly component: string;
  readonly config: LoggingConfig;
  /** secret values to scrub from any log text */
  readonly secrets?: readonly string[];
  /** where the stdout copy goes (tests pass a sink); false for file only (the CLI talks to humans on stdout) */
  readonly stdout?: DestinationStream | false;
}

/** Keys whose values are never logged, wherever they appear in a log object. */
export const REDACT_PATHS = [
  'token', '*.token', 'secrets', '*.secrets', 'authorization', '*.authorization',
  'req.headers.authorization', 'req.headers.cookie', 'password', '*.password', 'privateKey', '*.privateKey',
];

/**
 * JSON lines `{time, level, component, msg, metrics}` to stdout and to a size-rotated file
 * `<logging.dir>/<component>.<n>.log`, read back by `polytrader logs`.
 */
export async function createLogger(setup: LoggerSetup): Promise<Logger> {
  const { component, config } = setup;
  const streams: pino.StreamEntry[] = [];
  if (setup.stdout !== false) streams.push({ level: 'trace', stream: setup.stdout ?? pino.destination({ fd: 1, sync: false }) });
  if (config.file) {
    const dir = resolve(config.dir);
    mkdirSync(dir, { recursive: true });
    const file = await pinoRoll({
      file: join(dir, component),
      extension: '.log',
      size: config.file_max_size,
      limit: { count: config.file_count },
      mkdir: true,
    });
    streams.push({ level: 'trace', stream: file as unknown as DestinationStream });
  }
  return pino(loggerOptions(component, config.level, setup.secrets ?? []), pino.multistream(streams));
}

export function loggerOptions(component: string, level: string, secrets: readonly string[]): LoggerOptions {
  return {
    level,
    base: { component },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(secrets.length ? { hooks: { logMethod: scrubSecrets(secrets) } } : {}),
  };
}

/**
 * Replaces any secret value that slipped into a log line: in message strings, and in errors (message,
 * stack, causes — a failed request's URL can carry a token) whether passed alone or as `err`. Other
 * objects are passed as they are: copying every logged object would cost on every line.
 */
function scrubSecrets(secrets: readonly string[]) {
  const scrubber = new SecretScrubber(secrets);
  return function (this: Logger, args: unknown[], method: (...a: unknown[]) => void): void {
    const clean = args.map((a) => {
      if (typeof a === 'string') return scrubber.text(a);
      if (a instanceof Error) return scrubber.error(a);
      if (typeof a === 'object' && a !== null && (a as { err?: unknown }).err instanceof Error) return { ...a, err: scrubber.error((a as { err: Error }).err) };
      return a;
    });
    method.apply(this, clean);
  };
}

/**
 * Flushes a logger's streams; call before process exit so the last lines reach the file.
 * Bounded: a stdout pipe nobody reads must not keep a stopping process alive.
 */
export function flushLogger(logger: Logger, timeoutMs = 1000): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, timeoutMs);
    timer.unref();
    logger.flush(() => {
      clearTimeout(timer);
      done();
    });
  });
}
