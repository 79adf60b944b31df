import { ProfileAnswer, profileSubject } from '@polytrader/contracts';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NatsConnection, connect } from 'nats';
import { ServiceRuntime } from '../service/service-runtime';
import { NatsServerHandle, createTestRuntime, startNatsServer } from '../testing';
import { dataDirOf, profileSecondsOf } from './cpu-profile';

jest.setTimeout(60_000);

/** Burns CPU in a named function for `ms`, so the profile has something of ours in it. */
function busyProfilerTarget(ms: number): number {
  let x = 0;
  const end = Date.now() + ms;
  while (Date.now() < end) for (let i = 0; i < 10_000; i++) x += Math.sqrt(i);
  return x;
}

describe('CPU profile over the bus (real NATS, a real service runtime)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpu-profile-'));
  let nats: NatsServerHandle;
  let runtime: ServiceRuntime;
  let client: NatsConnection;

  beforeAll(async () => {
    nats = await startNatsServer();
    runtime = await createTestRuntime({ name: 'analyzer', natsUrl: nats.url, config: { storage: { url: join(dir, 'db', 'test.sqlite') } } });
    client = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    runtime?.heartbeat.stop();
    runtime?.killSwitch.stop();
    runtime?.metrics.close();
    await runtime?.nc.close();
    await client?.close();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (body: unknown, timeoutMs = 10_000): Promise<ProfileAnswer> =>
    JSON.parse(Buffer.from((await client.request(profileSubject('analyzer'), Buffer.from(JSON.stringify(body)), { timeout: timeoutMs })).data).toString());

  it('should write a parseable .cpuprofile under <data dir>/profiles, answer its path and size, and refuse a second one meanwhile', async () => {
    const first = ask({ seconds: 1 });
    // the request is on its way before the busy loop blocks this process's event loop
    await new Promise((r) => setTimeout(r, 100));
    const second = await ask({ seconds: 1 });
    expect(second).toMatchObject({ ok: false, service: 'analyzer', reason: 'busy' });
    expect(second.ok === false && second.error).toMatch(/^a CPU profile of analyzer is being taken already/);
    busyProfilerTarget(400);
    const answer = await first;
    if (!answer.ok) throw new Error(`profile refused: ${answer.error}`);
    expect(answer.path.startsWith(join(dir, 'db', 'profiles', 'analyzer-'))).toBe(true);
    expect(answer.path.endsWith('.cpuprofile')).toBe(true);
    expect(answer.seconds).toBe(1);
    expect(statSync(answer.path).size).toBe(answer.bytes);
    const profile = JSON.parse(readFileSync(answer.path, 'utf8')) as { nodes: { callFrame: { functionName: string } }[]; samples: number[]; startTime: number; endTime: number };
    expect(profile.nodes.length).toBeGreaterThan(1);
    expect(profile.samples.length).toBeGreaterThan(10);
    expect(profile.endTime - profile.startTime).toBeGreaterThanOrEqual(900_000); // µs: about the second asked for
    expect(profile.nodes.some((n) => n.callFrame.functionName === 'busyProfilerTarget')).toBe(true);
    // free again once it ended
    expect(runtime.cpuProfiler.busy).toBe(false);
  });

  it('should refuse seconds outside 1..120 or not a whole number, naming the field and the value', async () => {
    for (const seconds of [0, 121, 1.5, 'ten']) {
      const answer = await ask({ seconds });
      expect(answer).toEqual({ ok: false, service: 'analyzer', reason: 'invalid', error: `seconds must be an integer in 1..120, got ${JSON.stringify(seconds)}` });
    }
    expect(await ask({})).toMatchObject({ ok: false, reason: 'invalid', error: 'seconds must be an integer in 1..120, got null' });
  });
});

describe('profile helpers', () => {
  it('should take the data directory from storage.url: the SQLite file\'s directory, else data/', () => {
    expect(dataDirOf('/srv/pt/data/polytrader.sqlite')).toBe('/srv/pt/data');
    expect(dataDirOf('data/demo.sqlite', '/work')).toBe('/work/data');
    expect(dataDirOf('sqlite:/tmp/x/y.sqlite')).toBe('/tmp/x');
    expect(dataDirOf('postgres://u@h:5432/db', '/work')).toBe('/work/data');
    expect(dataDirOf(':memory:', '/work')).toBe('/work/data');
  });

  it('should accept whole seconds in 1..120 only', () => {
    expect([1, 120].map((seconds) => profileSecondsOf({ seconds }))).toEqual([1, 120]);
    expect(profileSecondsOf(null)).toBe('seconds must be an integer in 1..120, got null');
  });
});
