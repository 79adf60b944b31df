import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { LoggingConfig } from '../config/sections';
import { createLogger, flushLogger } from './create-logger';
import { formatLogLine, readLogs } from './read-logs';

function sink(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

function config(dir: string, file = true): LoggingConfig {
  return Object.assign(new LoggingConfig(), { dir, file, level: 'debug' });
}

describe('createLogger()', () => {
  it('should write time, level, component, msg and metrics as JSON to stdout and the log file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logs-'));
    const out = sink();
    const logger = await createLogger({ component: 'collector', config: config(dir), stdout: out.stream as never });
    logger.info({ metrics: { markets: 12, durationMs: 340 } }, 'cycle done');
    logger.warn('slow');
    await flushLogger(logger);
    await new Promise((r) => setTimeout(r, 50));
    const [first] = out.lines();
    expect(first).toMatchObject({ level: 'info', component: 'collector', msg: 'cycle done', metrics: { markets: 12 } });
    expect(new Date(first.time as string).toISOString()).toBe(first.time);
    const fromFile = readLogs(dir, { level: 'warn' });
    expect(fromFile.map((l) => l.msg)).toEqual(['slow']);
    expect(formatLogLine(readLogs(dir)[0])).toMatch(/INFO {2}\[collector\] cycle done \{"markets":12,"durationMs":340\}/);
  });

  it('should never log secret values or secret keys', async () => {
    const out = sink();
    const logger = await createLogger({ component: 'gateway', config: config('', false), stdout: out.stream as never, secrets: ['s3cr3t-token'] });
    logger.info({ token: 'abc', req: { headers: { authorization: 'Bearer s3cr3t-token' } } }, 'got s3cr3t-token in text');
    await flushLogger(logger);
    const text = JSON.stringify(out.lines());
    expect(text).not.toContain('s3cr3t-token');
    expect(text).not.toContain('abc');
  });

  it('should scrub secret values from logged errors: message, stack and causes, keeping the error type', async () => {
    const out = sink();
    const logger = await createLogger({ component: 'hype', config: config('', false), stdout: out.stream as never, secrets: ['s3cr3t-token'] });
    class FetchFailed extends Error {}
    const cause = new Error('connect ECONNREFUSED http://h/bots3cr3t-token/getMe');
    logger.error({ err: new FetchFailed('request to http://h/bot s3cr3t-token failed', { cause }) }, 'failed');
    logger.error(new Error(`alone ${encodeURIComponent('s3cr3t-token')}`));
    await flushLogger(logger);
    const text = JSON.stringify(out.lines());
    expect(text).not.toContain('s3cr3t-token');
    // pino appends the causes' messages to the error's own
    expect(out.lines()[0]).toMatchObject({ err: { type: 'FetchFailed', message: 'request to http://h/bot [redacted] failed: connect ECONNREFUSED http://h/bot[redacted]/getMe' } });
    expect(text).toContain('alone [redacted]');
  });
});
