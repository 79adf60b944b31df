import { HeartbeatEvent, SERVICE_NAMES, envelope } from '@polytrader/contracts';
import { StatusBoard, isHealthy, statusOf } from './status-board';

const beat = (service: string, state: HeartbeatEvent['state'] = 'running'): HeartbeatEvent => ({
  ...envelope(service), service, state, version: '0.1.0', uptimeS: 1, intervalMs: 1000, pid: 1, rssBytes: 1, kill: null, lastCycle: null,
});

describe('StatusBoard', () => {
  describe('snapshot()', () => {
    it('should report every service down when no heartbeat was seen', () => {
      const s = new StatusBoard().snapshot({ halted: false, kill: null });
      expect(Object.keys(s.services)).toEqual([...SERVICE_NAMES]);
      expect(Object.values(s.services).every((v) => v.status === 'down')).toBe(true);
      expect(isHealthy(s)).toBe(false);
    });

    it('should be healthy when all seven are up and the system runs', () => {
      const board = new StatusBoard();
      for (const n of SERVICE_NAMES) board.record(beat(n), 1000);
      expect(isHealthy(board.snapshot({ halted: false, kill: null }, 1500))).toBe(true);
      expect(isHealthy(board.snapshot({ halted: true, kill: { reason: 'x', source: 'y', ts: '' } }, 1500))).toBe(false);
    });

    it('should ignore heartbeats from unknown services', () => {
      const board = new StatusBoard();
      board.record(beat('intruder'));
      expect(Object.keys(board.snapshot({ halted: false, kill: null }).services)).not.toContain('intruder');
    });
  });

  describe('statusOf()', () => {
    it.each([
      ['running', 0, 'up'],
      ['running', 3000, 'up'],
      ['running', 3001, 'stale'],
      ['halted', 10, 'halted'],
      ['starting', 10, 'halted'],
      ['stopping', 10, 'down'],
    ] as const)('should map %s aged %d ms to %s', (state, age, expected) => {
      expect(statusOf(beat('risk', state), age)).toBe(expected);
    });
  });
});
