import { KillInfo } from '@polytrader/contracts';
import { NatsConnection, connect } from 'nats';
import pino from 'pino';
import { PeriodicJob } from '../scheduling/periodic-job';
import { ensureStreams } from '../bus/streams';
import { NatsServerHandle, startNatsServer, waitFor } from '../testing';
import { KillSwitch, ResumeCause } from './kill-switch';

const silent = pino({ level: 'silent' });

async function killSwitchOn(nc: NatsConnection, name = 'risk'): Promise<KillSwitch> {
  const ks = new KillSwitch(nc, await nc.jetstreamManager(), name, silent);
  await ks.start();
  return ks;
}

describe('KillSwitch', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  const switches: KillSwitch[] = [];
  const make = async () => {
    const ks = await killSwitchOn(nc);
    switches.push(ks);
    return ks;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    await ensureStreams(await nc.jetstreamManager());
  });

  afterAll(async () => {
    for (const ks of switches) ks.stop();
    await nc?.close();
    await nats?.stop();
  });

  describe('start()', () => {
    it('should start running when the bus holds no kill', async () => {
      const ks = await make();
      expect(ks.current).toEqual({ state: 'running', kill: null });
      expect(ks.isHalted()).toBe(false);
    });

    it('should start halted, with reason and source, when a kill was stored without a later reset', async () => {
      nc.publish('system.kill', Buffer.from('{"reason":"stored kill","source":"test"}'));
      await nc.flush();
      const ks = await make();
      await waitFor(() => ks.isHalted(), { what: 'halted' });
      expect(ks.current.kill).toMatchObject({ reason: 'stored kill', source: 'test' });

      nc.publish('system.reset', Buffer.from(''));
      await waitFor(() => !ks.isHalted(), { what: 'reset' });
      const fresh = await make();
      expect(fresh.current.state).toBe('running');
    });
  });

  describe('halt hooks', () => {
    it('should call onHalt once per kill and onResume once per transition into running, and survive a failing hook', async () => {
      const ks = await make();
      const halts: KillInfo[] = [];
      let resumes = 0;
      ks.register({ onHalt: () => { throw new Error('broken hook'); } });
      ks.register({ onHalt: (k) => void halts.push(k), onResume: () => void resumes++ });
      await waitFor(() => resumes === 1, { what: 'boot resume (registered while running)' });
      nc.publish('system.kill', Buffer.from('first'));
      nc.publish('system.kill', Buffer.from('second'));
      await waitFor(() => ks.current.kill?.reason === 'second', { what: 'second kill' });
      expect(halts.map((h) => h.reason)).toEqual(['first']);
      nc.publish('system.reset', Buffer.from('ok'));
      await waitFor(() => resumes === 2, { what: 'resume' });
      expect(ks.isHalted()).toBe(false);
    });

    it('should run onHalt at once for a hook registered while already halted', async () => {
      const ks = await make();
      nc.publish('system.kill', Buffer.from('late hook'));
      await waitFor(() => ks.isHalted(), { what: 'halted' });
      const seen: string[] = [];
      ks.register({ onHalt: (k) => void seen.push(k.reason) });
      await waitFor(() => seen.length === 1, { what: 'hook' });
      nc.publish('system.reset', Buffer.from(''));
      await waitFor(() => !ks.isHalted(), { what: 'reset' });
    });
  });

  describe('no way from halted to running but a reset', () => {
    it('should keep a live kill that CONTROL did not store, store it itself, and stay halted across a restore', async () => {
      nc.publish('system.reset', Buffer.from('older reset'));
      await nc.flush();
      const ks = await make();
      await waitFor(() => !ks.isHalted(), { what: 'running' });
      const jsm = await nc.jetstreamManager();
      const control = (await jsm.streams.info('CONTROL')).config;
      // JetStream refuses the kill: CONTROL no longer captures system.kill while it is published.
      await jsm.streams.update('CONTROL', { ...control, subjects: ['system.reset'] });
      nc.publish('system.kill', Buffer.from('{"reason":"unstored kill","source":"test"}'));
      await waitFor(() => ks.isHalted(), { what: 'live kill' });
      await jsm.streams.update('CONTROL', control);
      // The halted switch stores the kill once CONTROL takes it; a restore (as on reconnect) keeps it halted.
      await waitFor(async () => (await jsm.streams.getMessage('CONTROL', { last_by_subj: 'system.kill' }).catch(() => null))?.string().includes('unstored kill') === true,
        { what: 'kill stored by the halted switch', timeoutMs: 5000 });
      await ks.restore();
      expect(ks.current.state).toBe('halted');
      const fresh = await make();
      await waitFor(() => fresh.current.state === 'halted', { what: 'restarted service halted' });
      expect(fresh.current.kill?.reason).toBe('unstored kill');
      nc.publish('system.reset', Buffer.from(''));
      await waitFor(() => !ks.isHalted() && !fresh.isHalted(), { what: 'reset' });
    });

    it('should not re-halt on a CONTROL read that lacks a reset it already obeyed, until the grace is over', async () => {
      nc.publish('system.kill', Buffer.from('{"reason":"kill before the reset","source":"test"}'));
      await nc.flush();
      const ks = await make();
      await waitFor(() => ks.isHalted(), { what: 'halted' });
      const jsm = await nc.jetstreamManager();
      const control = (await jsm.streams.info('CONTROL')).config;
      // CONTROL does not take the reset: the state of a read that comes before JetStream has stored it
      await jsm.streams.update('CONTROL', { ...control, subjects: ['system.kill'] });
      nc.publish('system.reset', Buffer.from('{"reason":"late store","source":"test"}'));
      await waitFor(() => !ks.isHalted(), { what: 'live reset' });
      await ks.restore();
      expect(ks.current.state).toBe('running');
      // stored now (as JetStream does a moment later): the grace ends and CONTROL agrees
      await jsm.streams.update('CONTROL', control);
      await nc.jetstream().publish('system.reset', Buffer.from('{"reason":"late store","source":"test"}'));
      await new Promise((r) => setTimeout(r, 2300));
      await ks.restore();
      expect(ks.current.state).toBe('running');

      // a reset CONTROL never stores: after the grace the stored kill decides, as a restart would
      await jsm.streams.update('CONTROL', { ...control, subjects: ['system.kill'] });
      nc.publish('system.kill', Buffer.from('{"reason":"second kill","source":"test"}'));
      await waitFor(() => ks.isHalted(), { what: 'second kill' });
      nc.publish('system.reset', Buffer.from('{"reason":"never stored","source":"test"}'));
      await waitFor(() => !ks.isHalted(), { what: 'unstored reset obeyed' });
      await ks.restore();
      expect(ks.current.state).toBe('running');
      await waitFor(() => ks.isHalted(), { what: 'halted again once the grace is over', timeoutMs: 5000 });
      expect(ks.current.kill?.reason).toBe('second kill');
      await jsm.streams.update('CONTROL', control);
      nc.publish('system.reset', Buffer.from(''));
      await waitFor(() => !ks.isHalted(), { what: 'reset' });
    });

    it('should start the jobs when a first state read that failed later reads running', async () => {
      const bare = await startNatsServer();
      const bnc = await connect({ servers: bare.url });
      try {
        // No CONTROL stream yet: the first read fails, the switch stays unknown (halted) and retries.
        const ks = new KillSwitch(bnc, await bnc.jetstreamManager(), 'collector', silent);
        await ks.start();
        expect(ks.current.state).toBe('unknown');
        const causes: ResumeCause[] = [];
        ks.register({ onHalt: () => undefined, onResume: (_r, cause) => void causes.push(cause) });
        let runs = 0;
        const job = new PeriodicJob<void>({ name: 'cycle', logger: silent, killSwitch: ks, nextDelayMs: () => 50, run: async () => void runs++ });
        job.start();
        await ensureStreams(await bnc.jetstreamManager());
        await waitFor(() => ks.current.state === 'running', { what: 'running after retry', timeoutMs: 5000 });
        await waitFor(() => runs >= 2, { what: 'job runs after the late state read' });
        expect(causes).toEqual(['boot']);
        job.stop();
        ks.stop();
      } finally {
        await bnc.close();
        await bare.stop();
      }
    });

    it('should give a hook registered while running one onResume with cause boot, and a real reset cause reset', async () => {
      const ks = await make();
      const causes: ResumeCause[] = [];
      ks.register({ onHalt: () => undefined, onResume: (_r, cause) => void causes.push(cause) });
      await waitFor(() => causes.length === 1, { what: 'boot resume' });
      nc.publish('system.kill', Buffer.from('k'));
      await waitFor(() => ks.isHalted(), { what: 'halted' });
      nc.publish('system.reset', Buffer.from('r'));
      await waitFor(() => causes.length === 2, { what: 'reset resume' });
      expect(causes).toEqual(['boot', 'reset']);
    });
  });

  describe('fail-safe', () => {
    it('should count as halted while the stored state cannot be read (no JetStream)', async () => {
      const plain = await startNatsServer({ jetstream: false });
      const pnc = await connect({ servers: plain.url });
      try {
        const ks = new KillSwitch(pnc, await pnc.jetstreamManager({ checkAPI: false }), 'risk', silent);
        await ks.start();
        expect(ks.current.state).toBe('unknown');
        expect(ks.isHalted()).toBe(true);
        // A live kill still halts, with its reason.
        pnc.publish('system.kill', Buffer.from('while blind'));
        await waitFor(() => ks.current.kill?.reason === 'while blind', { what: 'live kill' });
        ks.stop();
      } finally {
        await pnc.close();
        await plain.stop();
      }
    });
  });
});
