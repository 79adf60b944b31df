import { parseControlMessage } from '@polytrader/contracts';
import { JetStreamManager, NatsConnection, connect } from 'nats';
import { PublishError } from '../bus/jetstream-publisher';
import { ensureStreams } from '../bus/streams';
import { NatsServerHandle, startNatsServer } from '../testing';
import { ControlNotStoredError, publishControl } from './publish-control';

describe('publishControl()', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  const stored = async (subject: string): Promise<number> =>
    (await jsm.streams.info('CONTROL', { subjects_filter: subject })).state.subjects?.[subject] ?? 0;

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    jsm = await nc.jetstreamManager();
  });

  beforeEach(async () => {
    await jsm.streams.delete('CONTROL').catch(() => undefined);
    await ensureStreams(jsm);
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it('should store a kill in CONTROL and resolve with its sequence, the message id and the ControlMessage', async () => {
    const at = new Date('2026-12-07T03:00:00.000Z');
    const res = await publishControl(nc, 'kill', { reason: 'owner says stop', source: 'test', metrics: { pnl: -5 }, at });
    expect(res).toMatchObject({ stream: 'CONTROL', seq: 1, duplicate: false, subject: 'system.kill' });
    expect(res.message).toEqual({ reason: 'owner says stop', source: 'test', ts: at.toISOString(), metrics: { pnl: -5 } });
    const msg = await jsm.streams.getMessage('CONTROL', { last_by_subj: 'system.kill' });
    expect(msg.seq).toBe(res.seq);
    expect(msg.header.get('Nats-Msg-Id')).toBe(res.msgId);
    expect(parseControlMessage(msg.data)).toMatchObject({ reason: 'owner says stop', source: 'test', metrics: { pnl: -5 } });
  });

  it('should store a command with an idempotency key once, under exactly that Nats-Msg-Id', async () => {
    const first = await publishControl(nc, 'kill', { reason: 'daily loss', source: 'risk', idempotencyKey: 'risk-kill-2026-12-07' });
    const again = await publishControl(nc, 'kill', { reason: 'daily loss', source: 'risk', idempotencyKey: 'risk-kill-2026-12-07' });
    expect(first).toMatchObject({ msgId: 'risk-kill-2026-12-07', duplicate: false });
    expect(again).toMatchObject({ msgId: 'risk-kill-2026-12-07', duplicate: true, seq: first.seq });
    expect(await stored('system.kill')).toBe(1);
    expect((await jsm.streams.getMessage('CONTROL', { last_by_subj: 'system.kill' })).header.get('Nats-Msg-Id')).toBe('risk-kill-2026-12-07');
  });

  it('should take the time as a string, and fall back to now when it is invalid', async () => {
    const a = await publishControl(nc, 'kill', { reason: 'trip', source: 'risk', at: '2026-12-07T01:02:03.000Z' });
    expect(a.message.ts).toBe('2026-12-07T01:02:03.000Z');
    const before = Date.now();
    const b = await publishControl(nc, 'kill', { reason: 'trip', source: 'risk', at: 'not a time' });
    expect(Date.parse(b.message.ts)).toBeGreaterThanOrEqual(before - 1);
  });

  it('should store two human commands twice, each under a fresh id, even with the same reason', async () => {
    const a = await publishControl(nc, 'kill', { reason: 'stop', source: 'gateway' });
    const b = await publishControl(nc, 'kill', { reason: 'stop', source: 'gateway' });
    const r = await publishControl(nc, 'reset', { reason: 'go', source: 'gateway' });
    expect(a.msgId).not.toBe(b.msgId);
    expect([a.duplicate, b.duplicate, r.duplicate]).toEqual([false, false, false]);
    expect([a.seq, b.seq, r.seq]).toEqual([1, 2, 3]);
    expect(r.subject).toBe('system.reset');
    expect(await stored('system.kill')).toBe(2);
    expect(await stored('system.reset')).toBe(1);
  });

  it('should take an EventBus (anything with its { nc }) as well as a bare connection', async () => {
    const a = await publishControl({ nc }, 'reset', { reason: 'via bus', source: 'test' });
    const b = await publishControl(nc, 'reset', { reason: 'via nc', source: 'test' });
    expect([a.seq, b.seq]).toEqual([1, 2]);
  });

  it('should reject with ControlNotStoredError, saying NOT stored, when the CONTROL stream is missing, yet reach live subscribers', async () => {
    await jsm.streams.delete('CONTROL');
    const live: string[] = [];
    nc.subscribe('system.kill', { callback: (_e, m) => void live.push(parseControlMessage(m.data).reason), max: 1 });
    const err = await publishControl(nc, 'kill', { reason: 'nobody stores me', source: 'test' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ControlNotStoredError);
    const e = err as ControlNotStoredError;
    // A subscriber on the subject (every KillSwitch is one) means no 503, only a timeout: the error says why.
    expect(e.message).toMatch(/^system\.kill was NOT stored in the CONTROL stream \(publish to system\.kill: no acknowledgement from JetStream within 5000 ms; the CONTROL stream does not exist\)/);
    expect(e.message).toMatch(/send the command again/);
    expect(e).toMatchObject({ subject: 'system.kill', stored: false });
    expect(e.msgId).toMatch(/^system\.kill-test-/);
    expect(e.cause).toBeInstanceOf(PublishError);
    await nc.flush();
    expect(live).toEqual(['nobody stores me']);
  });

  it('should reject at once (503) when the CONTROL stream is missing and nobody listens', async () => {
    await jsm.streams.delete('CONTROL');
    const started = Date.now();
    await expect(publishControl(nc, 'reset', { reason: 'r', source: 'test' })).rejects.toThrow(
      /^system\.reset was NOT stored in the CONTROL stream \(publish to system\.reset: no stream stores this subject \(503 no responders\); the CONTROL stream does not exist\)/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('should reject with ControlNotStoredError when the connection is closed', async () => {
    const other = await connect({ servers: nats.url });
    await other.close();
    await expect(publishControl(other, 'reset', { reason: 'late', source: 'test' })).rejects.toThrow(/system\.reset was NOT stored/);
  });

  it('should wrap whatever a given publisher throws', async () => {
    const failing = { publish: async () => { throw new Error('JetStream refused it: boom'); } };
    await expect(publishControl(failing, 'kill', { reason: 'x', source: 'test', idempotencyKey: 'k1' })).rejects.toMatchObject({
      name: 'ControlNotStoredError',
      msgId: 'k1',
      message: expect.stringContaining('(JetStream refused it: boom)'),
    });
  });
});
