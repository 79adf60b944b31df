import { INestApplication } from '@nestjs/common';
import { Subjects, envelope } from '@polytrader/contracts';
import { ServiceRuntime, closeService } from '@polytrader/platform';
import { NatsServerHandle, startNatsServer } from '@polytrader/platform/testing';
import { JetStreamClient, NatsConnection, connect } from 'nats';
import net from 'node:net';
import { AddressInfo } from 'node:net';
import { SseReader } from '../testing/sse-reader';
import { startGateway } from '../testing/start-gateway';
import { StreamHub } from './stream-hub';

const TOKEN = 'stream-token';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const STREAM_CONFIG = { gateway: { stream_keepalive_s: 1, stream_client_buffer_bytes: 65_536 } };

describe('GET /api/stream (live events over SSE)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let gw: { app: INestApplication; runtime: ServiceRuntime };
  let url: string;
  const open: SseReader[] = [];

  async function listen(): Promise<void> {
    gw = await startGateway(nats.url, { GATEWAY_TOKEN: TOKEN }, STREAM_CONFIG);
    await gw.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(gw.app.getHttpServer().address() as AddressInfo).port}/api/stream`;
  }

  const reader = async (headers: Record<string, string> = AUTH) => {
    const r = await SseReader.open(url, headers);
    open.push(r);
    return r;
  };

  /** A stored signal with a marker to find it by. */
  const publishSignal = async (marker: string, pad = 0) => {
    const event = { ...envelope('test'), marketId: marker, reason: 'x'.repeat(pad) };
    return js.publish(Subjects.SignalGenerated, Buffer.from(JSON.stringify(event)));
  };
  const markers = (r: SseReader, event: string = Subjects.SignalGenerated) => r.named(event).map((e) => JSON.parse(e.data).marketId as string);

  beforeAll(async () => {
    nats = await startNatsServer();
    await listen();
    nc = await connect({ servers: nats.url });
    js = nc.jetstream();
  });

  afterEach(() => {
    for (const r of open.splice(0)) r.close();
  });

  afterAll(async () => {
    await nc.drain();
    await closeService(gw.app, gw.runtime);
    await nats.stop();
  });

  it('should refuse a client without the token (401) and a Last-Event-ID it did not make (400, naming it)', async () => {
    expect((await reader({})).status).toBe(401);
    const bad = await reader({ ...AUTH, 'Last-Event-ID': 'SIGNAL:1,BOGUS:2' });
    expect(bad.status).toBe(400);
    await bad.until(() => bad.ended);
    expect(JSON.parse(bad.raw).errors).toEqual(['Last-Event-ID: unknown stream, got "BOGUS"']);
  });

  it('should send the services and trading state on connect, then stored events with a resumable id, and keep-alives', async () => {
    const r = await reader();
    expect(r.status).toBe(200);
    expect(r.res!.headers['content-type']).toMatch(/^text\/event-stream/);
    await r.until(() => r.named('services').length > 0 && r.named('trading-state').length > 0);
    expect(JSON.parse(r.named('services')[0].data).services.risk.status).toBe('down');
    await publishSignal('m-live');
    await js.publish(Subjects.MarketSnapshot, Buffer.from(JSON.stringify({ ...envelope('test'), marketId: 'snapshot-not-streamed' })));
    await r.until(() => markers(r).includes('m-live'));
    const live = r.named(Subjects.SignalGenerated)[0];
    expect(live.id).toMatch(/(^|,)SIGNAL:\d+(,|$)/);
    expect(r.named(Subjects.MarketSnapshot)).toEqual([]);
    await r.until(() => r.comments.includes('keepalive'), 3000);
  });

  it('should replay exactly what a client missed when it reconnects with Last-Event-ID, then go on live', async () => {
    const first = await reader();
    await first.until(() => first.named('services').length > 0);
    await publishSignal('r-1');
    await first.until(() => markers(first).includes('r-1'));
    const lastId = first.named(Subjects.SignalGenerated).at(-1)!.id!;
    first.close();
    await publishSignal('r-2');
    await js.publish(Subjects.TradeOpened, Buffer.from(JSON.stringify({ ...envelope('test'), marketId: 'r-trade' })));
    await publishSignal('r-3');
    const again = await reader({ ...AUTH, 'Last-Event-ID': lastId });
    await again.until(() => markers(again).includes('r-3'));
    await publishSignal('r-4');
    await again.until(() => markers(again).includes('r-4'));
    expect(markers(again)).toEqual(['r-2', 'r-3', 'r-4']);
    expect(markers(again, Subjects.TradeOpened)).toEqual(['r-trade']);
  });

  it('should replay from JetStream what was published while the gateway was down', async () => {
    const before = await reader();
    await publishSignal('g-1');
    await before.until(() => markers(before).includes('g-1'));
    const lastId = before.named(Subjects.SignalGenerated).at(-1)!.id!;
    before.close();
    await closeService(gw.app, gw.runtime);
    await publishSignal('g-2');
    await publishSignal('g-3');
    await listen();
    const after = await reader({ ...AUTH, 'Last-Event-ID': lastId });
    await after.until(() => markers(after).includes('g-3'));
    expect(markers(after)).toEqual(['g-2', 'g-3']);
  });

  it('should drop a client that stops reading while the others keep receiving everything', async () => {
    const hub = gw.app.get(StreamHub);
    const droppedBefore = hub.droppedCount;
    const fast = await reader();
    await fast.until(() => fast.named('services').length > 0);
    // A raw socket that sends the request and never reads a byte.
    const { port } = new URL(url);
    const stalled = net.connect(Number(port), '127.0.0.1');
    stalled.pause();
    stalled.write(`GET /api/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nAccept: text/event-stream\r\n\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hub.clientCount).toBe(2);
    const count = 300;
    for (let i = 0; i < count; i++) await publishSignal(`s-${i}`, 60_000);
    await fast.until(() => markers(fast).length === count, 30_000);
    expect(markers(fast)).toEqual(Array.from({ length: count }, (_, i) => `s-${i}`));
    expect(hub.droppedCount).toBe(droppedBefore + 1);
    expect(hub.clientCount).toBe(1);
    stalled.destroy();
  }, 60_000);
});
