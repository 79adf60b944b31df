import { KillInfo } from '@polytrader/contracts';
import { NatsConnection, connect } from 'nats';
import pino from 'pino';
import { ensureStreams } from '../bus/streams';
import { NatsServerHandle, startNatsServer, waitFor } from '../testing';
import { KillSwitch } from './kill-switch';

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
    it('should call onHalt once per kill and onResume once per reset, and survive a failing hook', async () => {
      const ks = await make();
      const halts: KillInfo[] = [];
      let resumes = 0;
      ks.register({ onHalt: () => { throw new Error('broken hook'); } });
      ks.register({ onHalt: (k) => void halts.push(k), onResume: () => void resumes++ });
      nc.publish('system.kill', Buffer.from('first'));
      nc.publish('system.kill', Buffer.from('second'));
      await waitFor(() => ks.current.kill?.reason === 'second', { what: 'second kill' });
      expect(halts.map((h) => h.reason)).toEqual(['first']);
      nc.publish('system.reset', Buffer.from('ok'));
      await waitFor(() => resumes === 1, { what: 'resume' });
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
