import { SignalGeneratedEvent, Subjects, encode, envelope } from '@polytrader/contracts';
import { createHash } from 'node:crypto';
import { AckPolicy, JetStreamManager, NatsConnection, connect } from 'nats';
import pino from 'pino';
import { NatsServerHandle, startNatsServer, waitFor } from '../testing';
import type { BusConfig } from '../config/sections';
import { ensureDurableConsumer } from './durable-consumer';
import { Delivery, DurablePullConsumer, backoffMs } from './durable-pull-consumer';
import { EventBus } from './event-bus';
import { ensureStreams } from './streams';

jest.setTimeout(30_000);

const BUS: BusConfig = { url: '', heartbeat_interval_ms: 1000, metrics_interval_ms: 10000, max_deliveries: 3, ack_wait_s: 1 };
const silent = pino({ level: 'silent' });

const signal = (id: string): SignalGeneratedEvent => ({
  ...envelope('signals'), id, marketId: 'm', outcome: 'Yes', tokenId: 't', side: 'BUY', price: 0.5, strength: 'STRONG',
  confidence: 0.5, size: 1, reasons: [],
});

/** Against a private nats-server: delivery counts are JetStream's, not ours. */
describe('DurablePullConsumer (real JetStream)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let bus: EventBus;
  const consumers: DurablePullConsumer[] = [];
  const hung: (() => void)[] = [];
  const letters: { reason: string; sha256: string; consumer: string }[] = [];

  beforeEach(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    jsm = await nc.jetstreamManager();
    await ensureStreams(jsm);
    bus = new EventBus(nc, 'risk', silent);
    letters.length = 0;
    nc.subscribe(Subjects.SystemDeadLetter, { callback: (_e, m) => void letters.push(JSON.parse(Buffer.from(m.data).toString())) });
  });

  afterEach(async () => {
    for (const c of consumers.splice(0)) void c.stop();
    for (const release of hung.splice(0)) release();
    await new Promise((r) => setTimeout(r, 50));
    await nc.drain();
    await nats.stop();
  });

  /**
   * Delivers the next message of the durable `times` times from a separate connection that never answers
   * and then closes — as a process dying mid-handler would (redelivered after ack_wait).
   */
  const dieHandling = async (durable: string, times: number) => {
    for (let i = 0; i < times; i++) {
      const dying = await connect({ servers: nats.url });
      const c = await dying.jetstream().consumers.get('SIGNAL', durable);
      const m = await c.next({ expires: 5000 });
      expect(m?.info.redeliveryCount).toBe(i + 1);
      await dying.close();
      await new Promise((r) => setTimeout(r, BUS.ack_wait_s * 1000 + 100));
    }
  };

  it('should back off 250 ms·2^n, 30 s at most', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n))).toEqual([250, 500, 1000, 2000]);
    expect(backoffMs(20)).toBe(30_000);
  });

  it('should dead-letter a message redelivered max_deliveries times without calling the handler (each mode)', async () => {
    const { durable } = await ensureDurableConsumer(jsm, 'risk', Subjects.SignalGenerated, BUS, { max_deliver: -1 });
    const poison = encode(signal('poison'));
    await nc.jetstream().publish(Subjects.SignalGenerated, poison);
    await dieHandling(durable, BUS.max_deliveries);
    const handled: string[] = [];
    const c = new DurablePullConsumer(bus, jsm, BUS, silent, {
      subject: Subjects.SignalGenerated, maxMessages: 8, consumerConfig: { max_deliver: -1 },
      mode: { kind: 'each', onError: 'nak', handle: async (m) => void handled.push(m.json<SignalGeneratedEvent>().id) },
    });
    consumers.push(c);
    await c.start();
    await nc.jetstream().publish(Subjects.SignalGenerated, encode(signal('next')));
    await waitFor(() => letters.length === 1 && handled.length === 1, { what: 'a dead letter and the next message handled' });
    expect(handled).toEqual(['next']);
    expect(letters[0]).toMatchObject({ consumer: durable, sha256: createHash('sha256').update(poison).digest('hex') });
    expect(letters[0].reason).toMatch(/delivered 3 times before without being acknowledged/);
    await waitFor(async () => (await jsm.consumers.info('SIGNAL', durable)).num_ack_pending === 0, { what: 'nothing pending' });
  });

  it('should retry in place without counting deliveries, then acknowledge (each/retry mode)', async () => {
    let failures = 4;
    const handled: number[] = [];
    const c = new DurablePullConsumer(bus, jsm, { ...BUS, max_deliveries: 1 }, silent, {
      subject: Subjects.SystemKill, maxMessages: 4,
      mode: {
        kind: 'each', onError: 'retry',
        handle: async (m) => {
          handled.push(m.info.redeliveryCount);
          if (failures-- > 0) throw new Error('outbox locked');
        },
      },
    });
    consumers.push(c);
    await c.start();
    await nc.jetstream().publish(Subjects.SystemKill, Buffer.from('not even json'));
    await waitFor(() => handled.length === 5, { what: 'five attempts' });
    expect(handled).toEqual([1, 1, 1, 1, 1]);
    expect(letters).toEqual([]);
    await waitFor(async () => (await jsm.consumers.info('CONTROL', c.durable)).num_ack_pending === 0, { what: 'acknowledged' });
  });

  it('should dead-letter a message whose handling kills the process max_deliveries times (ordered-batch mode)', async () => {
    const ordered = (handle: (b: Delivery[]) => Promise<void>) => {
      const c = new DurablePullConsumer(bus, jsm, BUS, silent, {
        subject: Subjects.SignalGenerated, maxMessages: 4, consumerConfig: { max_deliver: -1, max_ack_pending: 32, ack_policy: AckPolicy.Explicit },
        mode: { kind: 'ordered-batch', handle, retryMs: 20 },
      });
      consumers.push(c);
      return c;
    };
    const seen: string[][] = [];
    // every "process" hangs on a batch holding the poison, as if it died there (released at the end)
    const dyingHandler = async (b: Delivery[]) => {
      const ids = b.map((d) => (d.event as SignalGeneratedEvent).id);
      seen.push(ids);
      if (ids.includes('poison')) await new Promise<void>((r) => hung.push(r));
    };
    let c = ordered(dyingHandler);
    await c.start();
    for (const id of ['a', 'poison', 'b']) await nc.jetstream().publish(Subjects.SignalGenerated, encode(signal(id)));
    for (let crash = 0; crash <= BUS.max_deliveries; crash++) {
      await waitFor(() => seen.some((ids) => ids.includes('poison')), { what: `poison handled (run ${crash})` });
      seen.length = 0;
      void c.stop();
      c = ordered(dyingHandler);
      // restarts: the first run got it as a delivery, the next max_deliveries as catch-up attempts
      // (start() hangs with the catch-up, as the dying process would)
      if (crash < BUS.max_deliveries) void c.start().catch(() => undefined);
    }
    const after: string[] = [];
    await c.start();
    // the last process must not even be handed the poison
    await waitFor(() => letters.length === 1, { what: 'poison dead-lettered' });
    expect(seen.flat()).not.toContain('poison');
    expect(letters[0].reason).toMatch(/handled 3 times before without an outcome/);
    await nc.jetstream().publish(Subjects.SignalGenerated, encode(signal('c')));
    await waitFor(() => seen.flat().includes('c'), { what: 'the stream moves on' });
    after.push(...seen.flat());
    expect(after).toContain('b');
    expect(after.indexOf('b')).toBeLessThan(after.indexOf('c'));
  });
});
