import { DiscardPolicy, JetStreamManager, NatsConnection, StorageType, connect } from 'nats';
import { NatsServerHandle, startNatsServer } from '../testing';
import { JetStreamPublisher, PublishError } from './jetstream-publisher';

jest.setTimeout(30_000);

const bytes = (s: string) => Buffer.from(s);

/** Against a private nats-server: what "stored" means is JetStream's answer, not ours. */
describe('JetStreamPublisher (real JetStream)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: 'PUB', subjects: ['pub.>'], storage: StorageType.File });
    // holds one message and refuses the next one: a stream error in the PubAck
    await jsm.streams.add({ name: 'FULL', subjects: ['full.>'], storage: StorageType.Memory, max_msgs: 1, discard: DiscardPolicy.New });
  });

  afterAll(async () => {
    await nc.drain();
    await nats.stop();
  });

  it('should resolve once the stream stored the message, with its sequence, and store exactly what was sent', async () => {
    const publisher = new JetStreamPublisher(nc);
    const acks = await Promise.all(['a', 'b', 'c'].map((x) => publisher.publish('pub.x', bytes(x), `id-${x}`)));
    expect(acks.map((a) => a.stream)).toEqual(['PUB', 'PUB', 'PUB']);
    expect(new Set(acks.map((a) => a.seq)).size).toBe(3);
    expect(acks.every((a) => !a.duplicate)).toBe(true);
    const stored = await jsm.streams.getMessage('PUB', { seq: acks[1].seq });
    expect(Buffer.from(stored.data).toString()).toBe('b');
    expect(stored.header.get('Nats-Msg-Id')).toBe('id-b');
    expect(publisher.inFlight).toBe(0);
  });

  it('should report a message id seen before as a duplicate, stored once', async () => {
    const publisher = new JetStreamPublisher(nc);
    const first = await publisher.publish('pub.dup', bytes('1'), 'same-id');
    const again = await publisher.publish('pub.dup', bytes('1'), 'same-id');
    expect(again).toEqual({ stream: 'PUB', seq: first.seq, duplicate: true });
    expect((await jsm.streams.info('PUB', { subjects_filter: 'pub.dup' })).state.subjects).toEqual({ 'pub.dup': 1 });
  });

  it('should reject when no stream stores the subject', async () => {
    const publisher = new JetStreamPublisher(nc);
    await expect(publisher.publish('nostream.x', bytes('x'))).rejects.toThrow(/publish to nostream\.x: no stream stores this subject/);
  });

  it('should reject with the stream error when JetStream refuses the message', async () => {
    const publisher = new JetStreamPublisher(nc);
    await publisher.publish('full.x', bytes('1'));
    await expect(publisher.publish('full.x', bytes('2'))).rejects.toThrow(/JetStream refused it: maximum messages exceeded/);
  });

  it('should reject after its timeout when nothing acknowledges, and go on with later messages', async () => {
    // something answers on the subject, but never: a responder that swallows the request
    const silent = nc.subscribe('silent.x', { callback: () => undefined });
    const publisher = new JetStreamPublisher(nc, 200);
    const started = Date.now();
    const err = await publisher.publish('silent.x', bytes('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishError);
    expect((err as Error).message).toMatch(/no acknowledgement from JetStream within 200 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(publisher.inFlight).toBe(0);
    await expect(publisher.publish('pub.after', bytes('y'))).resolves.toMatchObject({ stream: 'PUB' });
    silent.unsubscribe();
  });

  it('should reject what is in flight when the connection closes', async () => {
    const own = await connect({ servers: nats.url });
    const silent = own.subscribe('silent.y', { callback: () => undefined });
    await own.flush();
    const publisher = new JetStreamPublisher(own, 60_000);
    const pending = publisher.publish('silent.y', bytes('x')).catch((e: unknown) => e);
    await own.close();
    expect(((await pending) as Error).message).toMatch(/connection closed/);
    expect(silent.isClosed()).toBe(true);
  });
});
