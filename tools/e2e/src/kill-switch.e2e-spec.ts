import { SERVICE_NAMES } from '@polytrader/contracts';
import { SystemHarness, SystemStatusBody } from '@polytrader/platform/testing';

jest.setTimeout(120_000);

const allHalted = (body: SystemStatusBody) => body.state === 'halted' && SERVICE_NAMES.every((n) => body.services[n].status === 'halted');
const allUp = (body: SystemStatusBody) => body.state === 'running' && SERVICE_NAMES.every((n) => body.services[n].status === 'up');

describe('kill switch across the seven services (real NATS, real processes)', () => {
  const system = new SystemHarness({ heartbeatIntervalMs: 250 });

  beforeAll(async () => {
    await system.start();
    await system.waitAllUp();
  }, 90_000);

  afterAll(() => system.stop());

  it.each([
    ['an empty payload', '', '(no reason given)', 'unknown'],
    ['plain text', 'manual stop', 'manual stop', 'unknown'],
    ['JSON', '{"reason":"x","source":"test"}', 'x', 'test'],
    ['malformed JSON', '{{not json', '{{not json', 'unknown'],
  ])('should halt all seven services on %s and resume on system.reset', async (_kind, payload, reason, source) => {
    await system.publishRaw('system.kill', payload);
    const halted = await system.waitForStatus((s) => s.code === 503 && allHalted(s.body), 'all halted');
    expect(halted.body.kill).toMatchObject({ reason, source });

    await system.publishRaw('system.reset', '{"reason":"test over","source":"test"}');
    const up = await system.waitForStatus((s) => s.code === 200 && allUp(s.body), 'all up again');
    expect(up.body.kill).toBeNull();
  });

  it('should bring a restarted service, and then the whole restarted system, back halted until reset', async () => {
    await system.publishRaw('system.kill', '{"reason":"restart test","source":"test"}');
    await system.waitForStatus((s) => allHalted(s.body), 'all halted');

    const oldPid = (await system.status()).body.services.risk.pid;
    expect(await system.stopService('risk')).toBe(0);
    await system.waitForStatus((s) => s.body.services.risk.status === 'down', 'risk down after graceful stop');
    system.startService('risk');
    const one = await system.waitForStatus((s) => s.body.services.risk.pid !== oldPid && s.body.services.risk.status === 'halted', 'risk back halted');
    expect(one.code).toBe(503);

    expect(await system.stopAll()).toEqual(SERVICE_NAMES.map(() => 0));
    system.startAll();
    const all = await system.waitForStatus((s) => allHalted(s.body), 'whole system back halted');
    expect(all.code).toBe(503);
    expect(all.body.kill).toMatchObject({ reason: 'restart test', source: 'test' });

    await system.publishRaw('system.reset', '');
    await system.waitForStatus((s) => s.code === 200 && allUp(s.body), 'all up after reset');
  });

  it('should show a service killed with SIGKILL as stale (503) until it is back', async () => {
    await system.stopService('hype', 'SIGKILL');
    const s = await system.waitForStatus((st) => st.body.services.hype.status === 'stale', 'hype stale');
    expect(s.code).toBe(503);
    system.startService('hype');
    await system.waitAllUp();
  }, 90_000);
});
