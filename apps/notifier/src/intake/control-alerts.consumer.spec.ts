import { Subjects } from '@polytrader/contracts';
import { BusConfig, EventBus, ensureDurableConsumer, ensureStreams } from '@polytrader/platform';
import { NatsServerHandle, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { createHash } from 'node:crypto';
import { JetStreamManager, NatsConnection, connect } from 'nats';
import pino from 'pino';
import type { AlertDraft } from '../alerts/alert-kind';
import { ControlAlertsConsumer } from './control-alerts.consumer';

jest.setTimeout(30_000);

const BUS: BusConfig = { url: '', heartbeat_interval_ms: 1000, metrics_interval_ms: 10000, max_deliveries: 2, ack_wait_s: 1 };
const silent = pino({ level: 'silent' });

/** Against a private nats-server: the notifier's own durables on system.kill and system.reset. */
describe('ControlAlertsConsumer (real JetStream)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let bus: EventBus;
  let consumer: ControlAlertsConsumer | null;
  const letters: { reason: string; sha256: string; consumer: string }[] = [];

  beforeEach(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    jsm = await nc.jetstreamManager();
    await ensureStreams(jsm);
    bus = new EventBus(nc, 'notifier', silent);
    letters.length = 0;
    nc.subscribe(Subjects.SystemDeadLetter, { callback: (_e, m) => void letters.push(JSON.parse(Buffer.from(m.data).toString())) });
    consumer = null;
  });

  afterEach(async () => {
    await consumer?.stop();
    await nc.drain();
    await nats.stop();
  });

  const start = async (accept: (d: AlertDraft) => Promise<unknown>) => {
    consumer = new ControlAlertsConsumer(bus, jsm, BUS, accept, silent);
    await consumer.start();
  };
  const pending = async (subject: string) => (await jsm.consumers.info('CONTROL', `notifier__${subject.replace('.', '_')}`)).num_ack_pending;

  it('should turn any payload on system.kill and system.reset into an alert keyed by stream sequence, and ack it', async () => {
    const drafts: AlertDraft[] = [];
    await start(async (d) => drafts.push(d));
    const kill = await nc.jetstream().publish(Subjects.SystemKill, Buffer.from('{{not json'));
    const reset = await nc.jetstream().publish(Subjects.SystemReset, Buffer.from([0xff, 0xfe]));
    await waitFor(() => drafts.length === 2, { what: 'two alerts' });
    expect(drafts.map((d) => [d.key, d.kind]).sort()).toEqual([[`emergency:${kill.seq}`, 'emergency'], [`reset:${reset.seq}`, 'reset']]);
    await waitFor(async () => (await pending(Subjects.SystemKill)) === 0 && (await pending(Subjects.SystemReset)) === 0, { what: 'both acked' });
    expect(letters).toEqual([]);
  });

  it('should retry a failed intake in place until the alert is in the outbox, never dead-lettering it', async () => {
    let failures = 3;
    const drafts: AlertDraft[] = [];
    await start(async (d) => {
      if (failures-- > 0) throw new Error('database is locked');
      drafts.push(d);
    });
    await nc.jetstream().publish(Subjects.SystemKill, Buffer.from('stop'));
    await waitFor(() => drafts.length === 1, { what: 'the alert after three failures' });
    expect(letters).toEqual([]);
  });

  it('should dead-letter a kill that was in the hands of a dying notifier max_deliveries times, without accepting it', async () => {
    const { durable } = await ensureDurableConsumer(jsm, 'notifier', Subjects.SystemKill, BUS);
    const payload = Buffer.from('{"reason":"crashes the notifier"}');
    await nc.jetstream().publish(Subjects.SystemKill, payload);
    for (let i = 0; i < BUS.max_deliveries; i++) {
      const dying = await connect({ servers: nats.url });
      const m = await (await dying.jetstream().consumers.get('CONTROL', durable)).next({ expires: 5000 });
      expect(m?.info.redeliveryCount).toBe(i + 1);
      await dying.close();
      await new Promise((r) => setTimeout(r, BUS.ack_wait_s * 1000 + 100));
    }
    const drafts: AlertDraft[] = [];
    await start(async (d) => drafts.push(d));
    await waitFor(() => letters.length === 1, { what: 'dead letter' });
    expect(letters[0]).toMatchObject({ consumer: durable, sha256: createHash('sha256').update(payload).digest('hex') });
    await nc.jetstream().publish(Subjects.SystemKill, Buffer.from('the next one'));
    await waitFor(() => drafts.length === 1, { what: 'the next kill accepted' });
    expect(drafts[0].text).toContain('the next one');
  });
});
