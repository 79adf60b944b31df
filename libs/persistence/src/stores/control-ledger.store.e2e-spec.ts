import { KillSwitch, ensureStreams, type ControlLedger } from '@polytrader/platform';
import { NatsServerHandle, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { NatsConnection, connect } from 'nats';
import pino from 'pino';
import { createTestDatabase, type TestDatabase } from '../testing';
import { ControlLedgerStore } from './control-ledger.store';

const silent = pino({ level: 'silent' });

/**
 * The kill switch against a real CONTROL stream and the ledger in a real SQLite file: a CONTROL stream
 * that was deleted, recreated or purged reads halted (and stores a kill), never running.
 */
describe('KillSwitch with the control ledger', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let db: TestDatabase;
  let ledger: ControlLedgerStore;
  const switches: KillSwitch[] = [];

  const start = async (l: ControlLedger = ledger): Promise<KillSwitch> => {
    const ks = new KillSwitch(nc, await nc.jetstreamManager(), 'risk', silent, l);
    switches.push(ks);
    await ks.start();
    return ks;
  };
  const controlCreated = async () => String((await (await nc.jetstreamManager()).streams.info('CONTROL')).created);
  const recreateControl = async () => {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete('CONTROL');
    await ensureStreams(jsm);
  };
  const lastKill = async () => {
    const m = await (await nc.jetstreamManager()).streams.getMessage('CONTROL', { last_by_subj: 'system.kill' });
    return { seq: m.seq, body: JSON.parse(Buffer.from(m.data).toString('utf8')) as { reason: string; source: string } };
  };
  const reset = async () => {
    await nc.jetstream().publish('system.reset', Buffer.from('{"reason":"human reset","source":"test"}'));
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    await ensureStreams(await nc.jetstreamManager());
    db = await createTestDatabase('sqlite');
    ledger = new ControlLedgerStore(db.ds);
  });

  afterEach(() => {
    for (const ks of switches.splice(0)) ks.stop();
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
    await db?.drop();
  });

  it('should start running on a fresh install and record the stream it saw', async () => {
    const ks = await start();
    expect(ks.current.state).toBe('running');
    expect(await ledger.read()).toEqual({ streamCreated: await controlCreated(), lastSeq: 0 });
  });

  it('should raise the recorded sequence after live kills and resets', async () => {
    const ks = await start();
    await nc.jetstream().publish('system.kill', Buffer.from('{"reason":"drill","source":"test"}'));
    await waitFor(() => ks.isHalted(), { what: 'halted' });
    await reset();
    await waitFor(() => !ks.isHalted(), { what: 'reset' });
    await waitFor(async () => (await ledger.read())?.lastSeq === 2, { what: 'ledger at seq 2', timeoutMs: 5000 });
  });

  it('should start halted when CONTROL was deleted and recreated empty, store a kill in it, and hold until a reset', async () => {
    await recreateControl();
    const ks = await start();
    expect(ks.current.state).toBe('halted');
    expect(ks.current.kill).toMatchObject({ source: 'kill-switch', reason: expect.stringMatching(/deleted or recreated.*last kill\/reset seq 2/) });
    const stored = await lastKill();
    expect(stored.body).toMatchObject({ source: 'kill-switch', reason: expect.stringMatching(/CONTROL stream was deleted or recreated/) });
    expect(await ledger.read()).toEqual({ streamCreated: await controlCreated(), lastSeq: stored.seq });

    // a second service finding the same wipe stores no second kill, and a later start reads halted from the stream
    const other = await start();
    expect(other.isHalted()).toBe(true);
    expect((await lastKill()).seq).toBe(stored.seq);

    await reset();
    await waitFor(() => !ks.isHalted() && !other.isHalted(), { what: 'human reset' });
    expect((await start()).current.state).toBe('running');
  });

  it('should start halted when CONTROL was purged (same stream, its kills and resets gone)', async () => {
    await waitFor(async () => (await ledger.read())?.lastSeq === 2, { what: 'ledger saw the reset', timeoutMs: 5000 });
    await (await nc.jetstreamManager()).streams.purge('CONTROL');
    const ks = await start();
    expect(ks.current.kill?.reason).toMatch(/CONTROL stream was purged: the database recorded kill\/reset seq 2/);
    await reset();
    await waitFor(() => !ks.isHalted(), { what: 'human reset' });
  });

  it('should halt a running service whose CONTROL disappears, and stay halted when the stream comes back empty', async () => {
    const ks = await start();
    expect(ks.current).toEqual({ state: 'running', kill: null });
    await (await nc.jetstreamManager()).streams.delete('CONTROL');
    await ks.restore(); // what a reconnect does
    expect(ks.current.kill?.reason).toMatch(/CONTROL stream is missing/);
    await ensureStreams(await nc.jetstreamManager());
    await waitFor(async () => (await lastKill().catch(() => null))?.body.source === 'kill-switch', { what: 'kill stored in the new stream', timeoutMs: 5000 });
    expect(ks.isHalted()).toBe(true);
    await ks.restore();
    expect(ks.isHalted()).toBe(true);
  });

  it('should stay halted (unknown) while the ledger cannot be read, and run once it can', async () => {
    await reset();
    let broken = true;
    const flaky: ControlLedger = {
      read: () => (broken ? Promise.reject(new Error('database is locked')) : ledger.read()),
      advance: (m) => ledger.advance(m),
      adopt: (m) => ledger.adopt(m),
      close: async () => undefined,
    };
    const ks = await start(flaky);
    expect(ks.current.state).toBe('unknown');
    expect(ks.isHalted()).toBe(true);
    broken = false;
    await waitFor(() => ks.current.state === 'running', { what: 'running after the ledger answered', timeoutMs: 5000 });
  });
});
