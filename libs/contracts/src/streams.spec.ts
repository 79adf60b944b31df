import { STREAMS, streamFor, subjectMatches } from './streams';
import { Subjects, metricsSubject, runNowSubject } from './subjects';

describe('subjectMatches()', () => {
  it.each([
    ['market.>', 'market.snapshot', true],
    ['market.>', 'market.cycle.completed', true],
    ['market.>', 'market', false],
    ['system.*', 'system.kill', true],
    ['system.*', 'system.heartbeat.x', false],
    ['system.kill', 'system.kill', true],
    ['system.kill', 'system.reset', false],
  ])('%s vs %s → %s', (pattern, subject, expected) => {
    expect(subjectMatches(pattern, subject)).toBe(expected);
  });
});

describe('streamFor()', () => {
  it('should place every durable subject in exactly one stream', () => {
    for (const subject of Object.values(Subjects)) {
      const owners = STREAMS.filter((s) => s.subjects.some((p) => subjectMatches(p, subject)));
      expect({ subject, owners: owners.length }).toEqual({ subject, owners: 1 });
    }
  });

  it('should keep heartbeats, status and metrics reports off JetStream', () => {
    expect(streamFor('system.heartbeat.risk')).toBeUndefined();
    expect(streamFor('system.status.risk')).toBeUndefined();
    expect(streamFor(metricsSubject('risk'))).toBeUndefined();
    expect(streamFor(runNowSubject('collector'))).toBeUndefined();
  });
});
