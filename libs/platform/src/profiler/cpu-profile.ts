import { PROFILE_SECONDS_MAX, PROFILE_SECONDS_MIN, ProfileAnswer, profileSubject } from '@polytrader/contracts';
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { NatsConnection, Subscription } from 'nats';
import type { Logger } from 'pino';

/**
 * The data directory of a storage URL: the SQLite file's directory, else `data` (PostgreSQL, in-memory)
 * — the directory a service already writes to, so a profile needs no setting of its own.
 */
export function dataDirOf(storageUrl: string, cwd = process.cwd()): string {
  if (/^postgres(ql)?:\/\//i.test(storageUrl)) return resolve(cwd, 'data');
  const file = storageUrl.replace(/^sqlite:/i, '');
  if (file === '' || file === ':memory:') return resolve(cwd, 'data');
  return dirname(isAbsolute(file) ? file : resolve(cwd, file));
}

/** `seconds` of a request, or the reason it is refused (naming the field and the value). */
export function profileSecondsOf(request: unknown): number | string {
  const seconds = (request as { seconds?: unknown } | null)?.seconds;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < PROFILE_SECONDS_MIN || seconds > PROFILE_SECONDS_MAX) {
    return `seconds must be an integer in ${PROFILE_SECONDS_MIN}..${PROFILE_SECONDS_MAX}, got ${JSON.stringify(seconds ?? null)}`;
  }
  return seconds;
}

type Post = <T>(method: string, params?: object) => Promise<T>;

/**
 * One V8 CPU profile of this process at a time, through node:inspector (Profiler.enable/start/stop), written
 * as `<dir>/<service>-<ISO time>.cpuprofile` (Chrome DevTools › Performance › Load profile opens it).
 */
export class CpuProfiler {
  private busySince: string | null = null;

  constructor(private readonly service: string, private readonly dir: string) {}

  get busy(): boolean {
    return this.busySince !== null;
  }

  async take(seconds: number): Promise<ProfileAnswer> {
    if (this.busySince) {
      return { ok: false, service: this.service, reason: 'busy', error: `a CPU profile of ${this.service} is being taken already (since ${this.busySince}); try again when it ends` };
    }
    const startedAt = new Date().toISOString();
    this.busySince = startedAt;
    const session = new Session();
    const post: Post = (method, params) =>
      new Promise((ok, fail) => session.post(method, params ?? {}, (err, result) => (err ? fail(err) : ok(result as never))));
    try {
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.start');
      await new Promise((done) => setTimeout(done, seconds * 1000));
      const { profile } = await post<{ profile: object }>('Profiler.stop');
      const text = JSON.stringify(profile);
      const path = join(this.dir, `${this.service}-${startedAt.replace(/[:.]/g, '-')}.cpuprofile`);
      await mkdir(this.dir, { recursive: true });
      await writeFile(path, text);
      return { ok: true, service: this.service, path, bytes: Buffer.byteLength(text), seconds, startedAt };
    } catch (err) {
      return { ok: false, service: this.service, reason: 'failed', error: `CPU profile failed: ${(err as Error).message}` };
    } finally {
      await post('Profiler.disable').catch(() => undefined);
      session.disconnect();
      this.busySince = null;
    }
  }
}

/**
 * Answers `system.profile.<service>` (core request-reply, like serveRunNow): a profile of `seconds` (1..120)
 * is taken and answered with its file; a second request while one runs is refused at once ('busy'). Wired in
 * createRuntime, so every service answers.
 */
export function serveCpuProfile(nc: NatsConnection, profiler: CpuProfiler, service: string, logger: Logger): Subscription {
  return nc.subscribe(profileSubject(service), {
    callback: (_err, msg) => {
      const respond = (answer: ProfileAnswer) => {
        try {
          msg.respond(Buffer.from(JSON.stringify(answer)));
        } catch (err) {
          logger.error({ err }, 'profile answer not sent');
        }
      };
      let request: unknown;
      try {
        request = msg.data.length ? JSON.parse(Buffer.from(msg.data).toString()) : null;
      } catch {
        return respond({ ok: false, service, reason: 'invalid', error: 'the request is not JSON ({"seconds": N})' });
      }
      const seconds = profileSecondsOf(request);
      if (typeof seconds === 'string') return respond({ ok: false, service, reason: 'invalid', error: seconds });
      logger.info({ metrics: { seconds } }, 'CPU profile requested');
      void profiler.take(seconds).then((answer) => {
        if (answer.ok) logger.info({ metrics: { path: answer.path, bytes: answer.bytes } }, 'CPU profile written');
        else logger.warn({ metrics: { reason: answer.reason } }, answer.error);
        respond(answer);
      });
    },
  });
}
