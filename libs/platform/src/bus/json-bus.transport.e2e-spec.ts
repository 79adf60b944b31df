import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { SignalGeneratedEvent, Subjects, encode, envelope } from '@polytrader/contracts';
import { NatsServerHandle, createTestRuntime, startNatsServer, waitFor } from '../testing';
import { closeService, createServiceApp } from '../service/bootstrap';
import { ServiceRuntime } from '../service/service-runtime';
import { createHash } from 'node:crypto';
import { BusContext } from './bus-context';
import { DEAD_LETTER_PAYLOAD_BYTES } from './event-bus';

const received: { id: string; delivery: number }[] = [];
let failuresLeft = 0;

@Controller()
class ProbeHandler {
  @EventPattern(Subjects.SignalGenerated)
  onSignal(@Payload() signal: SignalGeneratedEvent, @Ctx() ctx: BusContext): void {
    received.push({ id: signal.id, delivery: ctx.info.deliveryCount });
    if (signal.reasons.includes('fail') && failuresLeft-- > 0) throw new Error('probe failure');
  }

  @MessagePattern('probe.echo.v1')
  echo(): { ok: boolean } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeHandler] })
class ProbeModule {}

const signal = (reasons: string[] = ['rvr']): SignalGeneratedEvent => ({
  ...envelope('signals'), marketId: 'm1', outcome: 'Yes', tokenId: 't1', side: 'BUY', price: 0.4,
  strength: 'STRONG', confidence: 0.7, size: 10, reasons,
});

describe('JsonBusTransport', () => {
  let nats: NatsServerHandle;
  let runtime: ServiceRuntime;
  let app: INestMicroservice;
  const letters: Record<string, unknown>[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    runtime = await createTestRuntime({ name: 'risk', natsUrl: nats.url, config: { bus: { max_deliveries: 3 } } });
    app = (await createServiceApp({ name: 'risk', module: ProbeModule }, runtime)) as INestMicroservice;
    runtime.nc.subscribe(Subjects.SystemDeadLetter, { callback: (_e, m) => letters.push(JSON.parse(Buffer.from(m.data).toString())) });
  });

  afterAll(async () => {
    if (app) await closeService(app, runtime);
    await nats?.stop();
  });

  beforeEach(() => {
    received.length = 0;
    letters.length = 0;
  });

  it('should deliver a valid durable event once, as plain JSON with no envelope', async () => {
    const s = signal();
    await runtime.bus.publish(Subjects.SignalGenerated, s);
    await waitFor(() => received.length === 1, { what: 'delivery' });
    expect(received[0]).toEqual({ id: s.id, delivery: 1 });
  });

  it('should dead-letter an invalid payload with the field named, and keep consuming', async () => {
    await runtime.bus.js.publish(Subjects.SignalGenerated, encode({ ...signal(), price: 7 }));
    await runtime.bus.js.publish(Subjects.SignalGenerated, Buffer.from('{{not json'));
    const good = signal();
    await runtime.bus.publish(Subjects.SignalGenerated, good);
    await waitFor(() => letters.length === 2 && received.length === 1, { what: 'two dead letters and one delivery' });
    expect(letters[0]).toMatchObject({ subject: Subjects.SignalGenerated, consumer: 'risk__signal_generated' });
    expect(String(letters[0].reason)).toMatch(/price: must not be greater than 1, got 7/);
    expect(letters[1]).toMatchObject({ payload: '{{not json', encoding: 'utf8' });
    expect(received[0].id).toBe(good.id);
  });

  it('should dead-letter a deeply nested or oversized payload, capped with its size and sha256, and keep consuming', async () => {
    const deep = Buffer.from(JSON.stringify(signal()).replace('"reasons":["rvr"]', `"reasons":${'['.repeat(10_000)}${']'.repeat(10_000)}`));
    const binary = Buffer.alloc(DEAD_LETTER_PAYLOAD_BYTES + 100_000, 0xff);
    await runtime.bus.js.publish(Subjects.SignalGenerated, deep);
    await runtime.bus.js.publish(Subjects.SignalGenerated, binary);
    const good = signal();
    await runtime.bus.publish(Subjects.SignalGenerated, good);
    await waitFor(() => letters.length === 2 && received.length === 1, { what: 'two dead letters and one delivery' });
    expect(String(letters[0].reason)).toMatch(/depth 10001/);
    expect(letters[0]).toMatchObject({
      encoding: 'utf8', bytes: deep.length, sha256: createHash('sha256').update(deep).digest('hex'), payload: deep.toString('utf8'),
    });
    expect(letters[1]).toMatchObject({ encoding: 'base64', bytes: binary.length, sha256: createHash('sha256').update(binary).digest('hex') });
    expect(Buffer.from(String(letters[1].payload), 'base64').length).toBe(DEAD_LETTER_PAYLOAD_BYTES);
    expect(received[0].id).toBe(good.id);
  });

  it('should redeliver after a handler error and ack on success', async () => {
    failuresLeft = 1;
    const s = signal(['fail']);
    await runtime.bus.publish(Subjects.SignalGenerated, s);
    await waitFor(() => received.length === 2, { what: 'redelivery' });
    expect(received.map((r) => r.delivery)).toEqual([1, 2]);
    expect(letters).toEqual([]);
  });

  it('should dead-letter a message whose handler keeps failing after max_deliveries', async () => {
    failuresLeft = 100;
    await runtime.bus.publish(Subjects.SignalGenerated, signal(['fail']));
    await waitFor(() => letters.length === 1, { what: 'dead letter', timeoutMs: 20_000 });
    expect(received.map((r) => r.delivery)).toEqual([1, 2, 3]);
    expect(String(letters[0].reason)).toMatch(/handler failed on delivery 3: probe failure/);
    failuresLeft = 0;
  });

  it('should resume from the durable position after a restart, losing nothing', async () => {
    await closeService(app, runtime);
    const publisher = await createTestRuntime({ name: 'signals', natsUrl: nats.url });
    const missed = [signal(), signal()];
    for (const s of missed) await publisher.bus.publish(Subjects.SignalGenerated, s);
    runtime = await createTestRuntime({ name: 'risk', natsUrl: nats.url, config: { bus: { max_deliveries: 3 } } });
    app = (await createServiceApp({ name: 'risk', module: ProbeModule }, runtime)) as INestMicroservice;
    await waitFor(() => received.length === 2, { what: 'missed signals' });
    expect(received.map((r) => r.id)).toEqual(missed.map((s) => s.id));
    publisher.heartbeat.stop();
    publisher.killSwitch.stop();
    await publisher.nc.drain();
  });

  it('should answer request-reply patterns with plain JSON', async () => {
    const reply = await runtime.nc.request('probe.echo.v1', Buffer.from('{}'), { timeout: 1000 });
    // probe.echo.v1 has no contract: the transport refuses it rather than passing garbage through.
    expect(JSON.parse(Buffer.from(reply.data).toString()).error).toMatch(/no contract/);
  });
});
