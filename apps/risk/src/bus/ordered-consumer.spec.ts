import { SignalGeneratedEvent, Subjects } from '@polytrader/contracts';
import { BusConfig, EventBus, ensureStreams } from '@polytrader/platform';
import { NatsServerHandle, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { JetStreamManager, NatsConnection, connect } from 'nats';
import pino from 'pino';
import { Delivery, OrderedConsumer } from './ordered-consumer';

jest.setTimeout(30_000);

const BUS: BusConfig = { url: '', heartbeat_interval_ms: 1000, metrics_interval_ms: 10000, max_deliveries: 3, ack_wait_s: 1 };

const signal = (id: string): SignalGeneratedEvent => ({
  v: 1, id, ts: new Date().toISOString(), source: 'test', marketId: 'm', outcome: 'Yes', tokenId: 't', side: 'BUY', price: 0.5, strength: 'STRONG',
  confidence: 0.5, size: 1, reasons: [],
});

/** Against a private nats-server: order and recovery are properties of JetStream as much as of this class. */
describe('OrderedConsumer (real JetStream)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let bus: EventBus;
  let consumer: OrderedConsumer | null;
  const deadLetters: string[] = [];

  beforeEach(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    jsm = await nc.jetstreamManager();
    await ensureStreams(jsm);
    bus = new EventBus(nc, 'risk', pino({ level: 'silent' }));
    deadLetters.length = 0;
    nc.subscribe(Subjects.SystemDeadLetter, { callback: (_e, m) => void deadLetters.push(JSON.parse(Buffer.from(m.data).toString()).reason) });
    consumer = null;
  });

  afterEach(async () => {
    await consumer?.stop();
    await nc.drain();
    await nats.stop();
  });

  const publish = async (ids: string[]) => {
    for (const id of ids) await nc.jetstream().publish(Subjects.SignalGenerated, Buffer.from(JSON.stringify(signal(id))), { msgID: id });
  };
  const start = async (handler: (b: Delivery[]) => Promise<void>, maxBatch = 4) => {
    consumer = new OrderedConsumer(bus, jsm, BUS, pino({ level: 'silent' }), Subjects.SignalGenerated, { maxBatch, maxAckPending: maxBatch * 8, retryMs: 20 });
    await consumer.start(handler);
  };
  const ids = (n: number, prefix = 's') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  it('should hand over every message once, in stream order, in batches of at most maxBatch', async () => {
    const handled: string[] = [];
    const sizes: number[] = [];
    await start(async (b) => {
      sizes.push(b.length);
      handled.push(...b.map((d) => (d.event as SignalGeneratedEvent).id));
    });
    await publish(ids(30));
    await waitFor(() => handled.length === 30, { what: '30 handled' });
    expect(handled).toEqual(ids(30));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
  });

  it('should retry a failed batch before anything newer, keeping the order', async () => {
    const done: string[] = [];
    let failures = 0;
    await start(async (b) => {
      const batchIds = b.map((d) => (d.event as SignalGeneratedEvent).id);
      if (batchIds.includes('s7') && failures < 2) {
        failures++;
        throw new Error('database is locked');
      }
      done.push(...batchIds.filter((id) => !done.includes(id)));
    });
    await publish(ids(20));
    await waitFor(() => done.length === 20, { what: '20 handled' });
    expect(done).toEqual(ids(20));
    expect(failures).toBe(2);
    expect(deadLetters).toEqual([]);
  });

  it('should dead-letter a message that keeps failing and go on with the rest in order', async () => {
    const done: string[] = [];
    await start(async (b) => {
      const batchIds = b.map((d) => (d.event as SignalGeneratedEvent).id);
      if (batchIds[0] === 's3') throw new Error('poison');
      if (batchIds.includes('s3')) throw new Error('poison inside');
      done.push(...batchIds.filter((id) => !done.includes(id)));
    }, 1);
    await publish(ids(6));
    await waitFor(() => done.length === 5, { what: 'the five others handled' });
    expect(done).toEqual(['s0', 's1', 's2', 's4', 's5']);
    expect(deadLetters).toEqual(['handler failed 3 times: poison']);
  });

  it('should hand over unacknowledged messages first after a restart, before newer ones', async () => {
    const first: string[] = [];
    let block: (() => void) | null = null;
    await start(async (b) => {
      const batchIds = b.map((d) => (d.event as SignalGeneratedEvent).id);
      first.push(...batchIds);
      // never returns for the batch with s2: it stays unacknowledged, as in a crash
      if (batchIds.includes('s2')) await new Promise<void>((r) => (block = r));
    }, 2);
    await publish(ids(4));
    await waitFor(() => first.includes('s2'), { what: 's2 in the handler' });
    expect(first.slice(0, first.indexOf('s2'))).toEqual(['s0', 's1']);
    const stuck = consumer!;
    consumer = null;
    void stuck.stop();
    // a new consumer (a restarted process) on the same durable
    const second: { id: string; redelivered: boolean }[] = [];
    await start(async (b) => void second.push(...b.map((d) => ({ id: (d.event as SignalGeneratedEvent).id, redelivered: d.redelivered }))), 2);
    await publish(['n0', 'n1']);
    await waitFor(() => second.some((s) => s.id === 'n1'), { what: 'new messages handled' });
    expect(second.map((s) => s.id).filter((id, i, all) => all.indexOf(id) === i)).toEqual(['s2', 's3', 'n0', 'n1']);
    expect(second.filter((s) => s.id === 's2' || s.id === 's3').every((s) => s.redelivered)).toBe(true);
    (block as (() => void) | null)?.();
  });

  it('should keep trying to catch up after a failed publish while the bus still refuses, then go on in order', async () => {
    const done: string[] = [];
    let refuseInfo = 0;
    // the real JetStreamManager, with consumers.info failing while refuseInfo > 0 (a bus that is still down)
    const flaky = Object.create(jsm) as JetStreamManager;
    Object.defineProperty(flaky, 'consumers', {
      value: Object.assign(Object.create(jsm.consumers), {
        info: (stream: string, name: string) => (refuseInfo-- > 0 ? Promise.reject(new Error('bus down')) : jsm.consumers.info(stream, name)),
      }),
    });
    let failedOnce = false;
    consumer = new OrderedConsumer(bus, flaky, BUS, pino({ level: 'silent' }), Subjects.SignalGenerated, { maxBatch: 2, maxAckPending: 16, retryMs: 20 });
    await consumer.start(async (b) => {
      const batchIds = b.map((d) => (d.event as SignalGeneratedEvent).id);
      done.push(...batchIds.filter((id) => !done.includes(id)));
      if (batchIds.includes('s2') && !failedOnce) {
        failedOnce = true;
        refuseInfo = 3;
        return { published: Promise.reject(new Error('publish refused')) };
      }
      return undefined;
    });
    await publish(ids(8));
    await waitFor(() => done.length === 8 && refuseInfo < 0, { what: 'all handled after three refused catch-ups' });
    expect(done).toEqual(ids(8));
  });
});
