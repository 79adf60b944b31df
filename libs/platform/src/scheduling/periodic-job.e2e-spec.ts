import { NatsConnection, connect } from 'nats';
import pino from 'pino';
import { ensureStreams } from '../bus/streams';
import { KillSwitch } from '../kill-switch';
import { NatsServerHandle, startNatsServer, waitFor } from '../testing';
import { PeriodicJob } from './periodic-job';

describe('PeriodicJob (real kill switch on a private NATS)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let ks: KillSwitch;
  const jobs: PeriodicJob<unknown>[] = [];
  const errors: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(JSON.parse(line).msg) });

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    await ensureStreams(await nc.jetstreamManager());
    ks = new KillSwitch(nc, await nc.jetstreamManager(), 'test', pino({ level: 'silent' }));
    await ks.start();
  });

  afterAll(async () => {
    for (const job of jobs) job.stop();
    ks.stop();
    await nc?.close();
    await nats?.stop();
  });

  function job<R>(run: (signal: AbortSignal) => Promise<R>, nextDelayMs = () => 10, retryDelayMs?: (r: R | null) => number | null): PeriodicJob<R> {
    const j = new PeriodicJob<R>({ name: 'test job', killSwitch: ks, logger, run, nextDelayMs, firstDelayMs: () => 0, retryDelayMs });
    jobs.push(j as PeriodicJob<unknown>);
    return j;
  }

  it('should run repeatedly, never two runs at once, and carry on after a failing run', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const j = job(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      runs++;
      await new Promise((r) => setTimeout(r, 5));
      active--;
      if (runs === 2) throw new Error('boom');
      return runs;
    }, () => 0);
    j.start();
    await waitFor(() => runs >= 2 && j.isRunning);
    expect(await j.runOnce()).toBeNull(); // one is running: refused, not queued
    await waitFor(() => runs >= 5);
    j.stop();
    expect(maxActive).toBe(1);
    expect(errors).toContain('test job failed');
  });

  it('should abort the running run on kill, schedule nothing while halted, and resume on reset', async () => {
    let runs = 0;
    let aborted = '';
    // the first run lasts until it is aborted; later ones (after the reset) end at once
    const j = job((signal) => new Promise<void>((resolve) => {
      runs++;
      if (runs > 1) return resolve();
      signal.addEventListener('abort', () => {
        aborted = String((signal.reason as Error).message);
        resolve();
      });
    }));
    j.start();
    await waitFor(() => j.isRunning);
    nc.publish('system.kill', Buffer.from('{"reason":"test kill","source":"test"}'));
    await waitFor(() => aborted);
    expect(aborted).toBe('halted: test kill');
    const during = runs;
    expect(await j.runOnce()).toBeNull();
    await new Promise((r) => setTimeout(r, 100)); // would be ~10 runs if it kept its schedule
    expect(runs).toBe(during);
    nc.publish('system.reset', Buffer.from('back'));
    await waitFor(() => runs > during + 1);
    j.stop();
  });

  it('should not start while the system is halted', async () => {
    nc.publish('system.kill', Buffer.from('halted before start'));
    await waitFor(() => ks.isHalted());
    let runs = 0;
    const j = job(async () => void runs++);
    j.start();
    await new Promise((r) => setTimeout(r, 60));
    expect(runs).toBe(0);
    nc.publish('system.reset', Buffer.from(''));
    await waitFor(() => runs > 0);
    j.stop();
  });

  it('should run again sooner when retryDelayMs asks for it, then follow the schedule', async () => {
    const at: number[] = [];
    const j = job(async () => at.push(Date.now()), () => 60_000, (n) => (n !== null && n < 3 ? 0 : null));
    j.start();
    await waitFor(() => at.length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    j.stop();
    expect(at).toHaveLength(3); // two retries at once, then the next run is a minute away
  });
});
