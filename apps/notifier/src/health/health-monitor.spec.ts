import { HeartbeatEvent, envelope } from '@polytrader/contracts';
import { HealthMonitor } from './health-monitor';

const beat = (service: string, state: HeartbeatEvent['state'] = 'running', breakers?: Record<string, string>): HeartbeatEvent => ({
  ...envelope(service), service, state, version: '0.1.0', uptimeS: 1, intervalMs: 1000, pid: 1, rssBytes: 1, kill: null, lastCycle: null,
  ...(breakers ? { breakers } : {}),
});

describe('HealthMonitor', () => {
  describe('record() and check()', () => {
    it('should report nothing for a service seen the first time, then stale after 3 intervals, once', () => {
      const m = new HealthMonitor('notifier');
      expect(m.record(beat('risk'), 0)).toEqual([]);
      expect(m.check(3000)).toEqual([]);
      expect(m.check(3001)).toEqual([{ kind: 'stale', service: 'risk', ageS: 3.001 }]);
      expect(m.check(9000)).toEqual([]);
    });

    it('should report a graceful stop as down and the next running heartbeat as recovered', () => {
      const m = new HealthMonitor('notifier');
      m.record(beat('collector'), 0);
      expect(m.record(beat('collector', 'stopping'), 100)).toEqual([{ kind: 'down', service: 'collector' }]);
      expect(m.record(beat('collector', 'starting'), 200)).toEqual([{ kind: 'recovered', service: 'collector', was: 'down' }]);
      expect(m.record(beat('collector'), 300)).toEqual([]);
    });

    it('should recover from stale, and say nothing about halted services or itself', () => {
      const m = new HealthMonitor('notifier');
      m.record(beat('hype'), 0);
      m.record(beat('notifier'), 0);
      expect(m.check(5000)).toEqual([{ kind: 'stale', service: 'hype', ageS: 5 }]);
      expect(m.record(beat('hype', 'halted'), 5100)).toEqual([{ kind: 'recovered', service: 'hype', was: 'stale' }]);
      expect(m.record(beat('hype', 'running'), 5200)).toEqual([]);
    });

    it('should report a circuit breaker when it opens, not while it stays open', () => {
      const m = new HealthMonitor('notifier');
      m.record(beat('collector', 'running', { gamma: 'closed' }), 0);
      expect(m.record(beat('collector', 'running', { gamma: 'open', clob: 'closed' }), 100)).toEqual([{ kind: 'breaker_open', service: 'collector', api: 'gamma' }]);
      expect(m.record(beat('collector', 'running', { gamma: 'open' }), 200)).toEqual([]);
      m.record(beat('collector', 'running', { gamma: 'half_open' }), 300);
      expect(m.record(beat('collector', 'running', { gamma: 'open' }), 400)).toHaveLength(1);
    });
  });

  describe('summary()', () => {
    it('should count the services up and list the others', () => {
      const m = new HealthMonitor('notifier');
      m.record(beat('risk'), Date.now());
      const s = m.summary();
      expect(s).toMatchObject({ up: 1, total: 7 });
      expect(s.problems).toContainEqual({ service: 'gateway', status: 'down' });
    });
  });
});
