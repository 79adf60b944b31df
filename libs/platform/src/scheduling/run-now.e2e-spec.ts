import { RunNowAnswer, runNowSubject } from '@polytrader/contracts';
import { NatsConnection, connect } from 'nats';
import pino from 'pino';
import { ensureStreams } from '../bus/streams';
import { KillSwitch } from '../kill-switch';
import { publishControl } from '../kill-switch/publish-control';
import { NatsServerHandle, startNatsServer, waitFor } from '../testing';
import { PeriodicJob } from './periodic-job';
import { serveRunNow } from './run-now';

describe('serveRunNow + PeriodicJob.startNow (real NATS and kill switch)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let ks: KillSwitch;
  let job: PeriodicJob<number>;
  let release: () => void = () => undefined;
  let runs = 0;
  const silent = pino({ level: 'silent' });

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    await ensureStreams(await nc.jetstreamManager());
    ks = new KillSwitch(nc, await nc.jetstreamManager(), 'test', silent);
    await ks.start();
    // a run that lasts until the test releases it; scheduled far away, so only run-now starts it
    job = new PeriodicJob<number>({
      name: 'test job', killSwitch: ks, logger: silent, nextDelayMs: () => 3_600_000,
      run: () => new Promise((resolve) => { runs++; release = () => resolve(runs); }),
    });
    job.start();
    serveRunNow(nc, 'collector', () => job.startNow(), silent);
  });

  afterAll(async () => {
    job.stop();
    ks.stop();
    await nc.close();
    await nats.stop();
  });

  const ask = async (): Promise<RunNowAnswer> => JSON.parse(Buffer.from((await nc.request(runNowSubject('collector'), undefined, { timeout: 1000 })).data).toString());

  it('should start a run at once, refuse a second while it runs, and start again once it ended', async () => {
    expect(await ask()).toMatchObject({ service: 'collector', outcome: 'started' });
    await waitFor(() => runs === 1 && job.isRunning);
    expect((await ask()).outcome).toBe('running');
    release();
    await waitFor(() => !job.isRunning);
    expect((await ask()).outcome).toBe('started');
    await waitFor(() => runs === 2);
    release();
    await waitFor(() => !job.isRunning);
  });

  it('should refuse while the system is halted, and not run', async () => {
    await publishControl(nc, 'kill', { reason: 'test', source: 'test' });
    await waitFor(() => ks.isHalted());
    expect((await ask()).outcome).toBe('halted');
    expect(runs).toBe(2);
    await publishControl(nc, 'reset', { reason: 'test', source: 'test' });
    await waitFor(() => !ks.isHalted());
  });
});
