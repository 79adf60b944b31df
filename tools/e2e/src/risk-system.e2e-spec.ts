import { SERVICE_NAMES, Subjects, envelope } from '@polytrader/contracts';
import { SystemHarness, SystemStatusBody } from '@polytrader/platform/testing';

jest.setTimeout(120_000);

type WithTrading = SystemStatusBody & { trading: { tradingState: string; why: string | null } | null };
const trading = (body: SystemStatusBody) => (body as WithTrading).trading;

/** The trading state on the gateway's /status, with the seven services as real processes. */
describe('risk trading state on /status (real NATS, real processes)', () => {
  const system = new SystemHarness({ heartbeatIntervalMs: 250 });

  beforeAll(async () => {
    await system.start();
    await system.waitAllUp();
  }, 90_000);

  afterAll(() => system.stop());

  it('should show ACTIVE, REDUCING on command, HALTED on kill with every service halted, and ACTIVE after reset and resume', async () => {
    await system.waitForStatus((s) => trading(s.body)?.tradingState === 'ACTIVE', 'trading ACTIVE');

    await system.publishRaw(Subjects.RiskCommand, JSON.stringify({ ...envelope('cli'), command: 'reduce', reason: 'e2e' }));
    const reducing = await system.waitForStatus((s) => trading(s.body)?.tradingState === 'REDUCING', 'trading REDUCING');
    expect(trading(reducing.body)?.why).toBe('on command from cli: e2e');
    expect(reducing.code).toBe(200); // REDUCING is not a halt

    await system.publishRaw(Subjects.SystemKill, '{"reason":"e2e stop","source":"test"}');
    const halted = await system.waitForStatus(
      (s) => trading(s.body)?.tradingState === 'HALTED' && SERVICE_NAMES.every((n) => s.body.services[n].status === 'halted'), 'trading HALTED, all halted',
    );
    expect(trading(halted.body)?.why).toBe('e2e stop');
    expect(halted.code).toBe(503);

    await system.publishRaw(Subjects.SystemReset, '{"reason":"over","source":"test"}');
    await system.waitForStatus((s) => trading(s.body)?.tradingState === 'REDUCING', 'back to REDUCING (the command still holds)');
    await system.publishRaw(Subjects.RiskCommand, JSON.stringify({ ...envelope('cli'), command: 'resume' }));
    await system.waitForStatus((s) => s.code === 200 && trading(s.body)?.tradingState === 'ACTIVE', 'ACTIVE again');
  });
});
