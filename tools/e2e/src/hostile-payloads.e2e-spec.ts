import { SERVICE_NAMES, STREAMS, Subjects, streamFor } from '@polytrader/contracts';
import { SystemHarness, SystemStatusBody, waitFor } from '@polytrader/platform/testing';
import { createHash, randomBytes } from 'node:crypto';
import { JetStreamManager, NatsConnection, connect } from 'nats';

jest.setTimeout(90_000);

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const allUp = (body: SystemStatusBody) => body.state === 'running' && SERVICE_NAMES.every((n) => body.services[n].status === 'up');
const allHalted = (body: SystemStatusBody) => body.state === 'halted' && SERVICE_NAMES.every((n) => body.services[n].status === 'halted');

/** Every concrete subject a stream stores (the STREAMS patterns resolved against the known subjects). */
const STORED = Object.values(Subjects).filter((s) => streamFor(s));
const CONTROL = STREAMS.find((s) => s.name === 'CONTROL')!.subjects;

/** Hostile payloads; `maxPayload` is the server's (from its INFO), the big one is just under it. */
function hostilePayloads(subject: string, maxPayload: number): { name: string; data: Buffer }[] {
  const tag = `"subject":"${subject}"`; // every payload distinct per subject: its sha256 names it
  const filler = Math.max(0, maxPayload - 4096);
  return [
    { name: 'JSON array nested 10,000 deep', data: Buffer.from(`${'['.repeat(10_000)}{${tag}}${']'.repeat(10_000)}`) },
    { name: 'just under max_payload', data: Buffer.from(`{${tag},"v":1,"id":"big","ts":"2026-01-01T00:00:00.000Z","blob":"${'x'.repeat(filler)}"}`) },
    { name: 'random binary', data: Buffer.concat([Buffer.from(subject), randomBytes(4096)]) },
    { name: 'invalid UTF-8', data: Buffer.concat([Buffer.from(`{${tag},"v":1,"id":"`), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('"}')]) },
    { name: 'lone UTF-16 surrogate escapes', data: Buffer.from(`{${tag},"v":1,"id":"\\ud800","ts":"\\udfff","source":"\\udc00x"}`) },
    { name: 'wrong types', data: Buffer.from(`{${tag},"v":"1","id":42,"ts":true,"source":{},"marketId":[],"price":"0.5","size":null}`) },
    { name: 'top-level array of wrong things', data: Buffer.from(`[{${tag}},1,"x",null,true]`) },
    { name: '__proto__ / constructor keys', data: Buffer.from(`{${tag},"__proto__":{"polluted":true,"v":1},"constructor":{"prototype":{"polluted":true}},"v":1,"prototype":{}}`) },
  ];
}

/**
 * All seven services as built processes on a private nats-server: hostile payloads on every stored subject
 * must leave every process alive and heartbeating, each payload dead-lettered by every durable consumer of
 * its subject (matched by sha256); system.kill/system.reset accept any payload, so there they halt and
 * resume the system instead.
 */
describe('hostile payloads on every stored subject (real NATS, seven real processes)', () => {
  const system = new SystemHarness({ heartbeatIntervalMs: 250 });
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const letters: { subject: string; consumer: string; sha256: string; bytes: number }[] = [];

  beforeAll(async () => {
    await system.start();
    await system.waitAllUp();
    nc = await connect({ servers: system.nats.url });
    jsm = await nc.jetstreamManager();
    nc.subscribe(Subjects.SystemDeadLetter, {
      callback: (_e, m) => {
        try {
          const l = JSON.parse(Buffer.from(m.data).toString('utf8'));
          if (l && typeof l.sha256 === 'string' && typeof l.consumer === 'string') letters.push(l);
        } catch {
          // a hostile payload published on system.deadletter itself
        }
      },
    });
  }, 90_000);

  afterAll(async () => {
    await nc?.drain();
    await system.stop();
  });

  const pids = () => SERVICE_NAMES.map((n) => system.procs.get(n)?.pid);
  const dead = () => SERVICE_NAMES.filter((n) => { const p = system.procs.get(n); return !p || p.exitCode !== null || p.signalCode !== null; });

  it('should keep all seven services alive and heartbeating, and dead-letter every payload on every durable consumer of its subject', async () => {
    const before = pids();
    const maxPayload = nc.info!.max_payload;
    // durable consumers per subject, as the services created them
    const durables = new Map<string, string[]>();
    for (const s of STREAMS) {
      for (const c of await jsm.consumers.list(s.name).next()) {
        // the gateway's ordered consumers (live stream, stored reads) are ephemeral viewers: they skip what
        // does not parse and dead-letter nothing, the durable consumer of record does
        if (!c.config.durable_name) continue;
        const subject = c.config.filter_subject ?? '';
        durables.set(subject, [...(durables.get(subject) ?? []), c.name]);
      }
    }
    expect(durables.get(Subjects.SignalGenerated)).toEqual(expect.arrayContaining(['risk__signal_generated', 'notifier__signal_generated']));
    expect(durables.get(Subjects.MarketCycleCompleted)).toEqual(expect.arrayContaining(['analyzer__market_cycle_completed', 'risk__market_cycle_completed', 'signals__market_cycle_completed']));

    const expected: { subject: string; consumer: string; sha256: string; name: string }[] = [];
    const js = nc.jetstream();
    for (const subject of STORED.filter((s) => !CONTROL.includes(s))) {
      for (const p of hostilePayloads(subject, maxPayload)) {
        await js.publish(subject, p.data);
        for (const consumer of durables.get(subject) ?? []) expected.push({ subject, consumer, sha256: sha(p.data), name: p.name });
      }
    }
    // analyzer, signals, risk and notifier consume stored subjects (10 durables today): 8 payloads each
    expect(expected.length).toBeGreaterThanOrEqual(10 * 8);

    const missing = () => expected.filter((e) => !letters.some((l) => l.consumer === e.consumer && l.sha256 === e.sha256 && l.subject === e.subject));
    await waitFor(() => missing().length === 0, { what: 'every hostile payload dead-lettered', timeoutMs: 30_000 }).catch((err) => {
      throw new Error(`${(err as Error).message}; missing: ${JSON.stringify(missing().map((m) => `${m.consumer} ${m.name}`))}`);
    });
    // the big one is kept capped, with its full size
    const big = letters.find((l) => l.bytes > maxPayload - 8192);
    expect(big).toBeDefined();

    expect(dead()).toEqual([]);
    expect(pids()).toEqual(before);
    // heartbeats after the storm: /status sees all seven up, with fresh heartbeats
    const since = Date.now();
    await system.waitForStatus((s) => s.code === 200 && allUp(s.body), 'all up after the hostile payloads');
    const hb = new Set<string>();
    const sub = nc.subscribe('system.heartbeat.*', { callback: (_e, m) => void hb.add(m.subject.split('.')[2]) });
    await waitFor(() => SERVICE_NAMES.every((n) => hb.has(n)), { what: 'a heartbeat from each service', timeoutMs: 5000 });
    sub.unsubscribe();
    expect(Date.now() - since).toBeLessThan(15_000);
  });

  it('should halt on hostile system.kill payloads and resume on hostile system.reset payloads, every process alive', async () => {
    const before = pids();
    const maxPayload = nc.info!.max_payload;
    for (const p of hostilePayloads(Subjects.SystemKill, maxPayload)) await nc.jetstream().publish(Subjects.SystemKill, p.data);
    await system.waitForStatus((s) => s.code === 503 && allHalted(s.body), 'all halted');
    for (const p of hostilePayloads(Subjects.SystemReset, maxPayload)) await nc.jetstream().publish(Subjects.SystemReset, p.data);
    await system.waitForStatus((s) => s.code === 200 && allUp(s.body), 'all up again');
    expect(dead()).toEqual([]);
    expect(pids()).toEqual(before);
  });
});
