import { redactedConfig } from './redacted-config';

describe('redactedConfig()', () => {
  it('should mask URL passwords and every secret value wherever they appear, keeping the rest', () => {
    const config = {
      storage: { url: 'postgres://trader:pg-pass@db:5432/polytrader' },
      bus: { url: 'nats://svc:nats-pass@nats:4222', heartbeat_interval_ms: 5000 },
      alerts: { chat_ids: ['123'], note: 'token tok-12345 leaked here' },
    };
    expect(redactedConfig(config, ['tok-12345'])).toEqual({
      storage: { url: 'postgres://trader:***@db:5432/polytrader' },
      bus: { url: 'nats://svc:***@nats:4222', heartbeat_interval_ms: 5000 },
      alerts: { chat_ids: ['123'], note: 'token [redacted] leaked here' },
    });
  });
});
