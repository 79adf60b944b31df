import { eventLine } from './event-summary';

describe('eventLine', () => {
  const now = Date.parse('2026-12-07T12:00:00.000Z');

  it('should print the event time, the subject and a summary', () => {
    const signal = { v: 1, id: 'e1', ts: '2026-12-07T10:00:01.000Z', source: 'signals', marketId: 'm1', outcome: 'Yes', tokenId: 't', side: 'BUY', price: 0.42, strength: 'STRONG', confidence: 0.8, size: 10, reasons: ['hype z 3.1'] };
    expect(eventLine('signal.generated', JSON.stringify(signal), now)).toBe(`10:00:01  ${'signal.generated'.padEnd(22)}  BUY Yes of m1 @ 0.42 size 10 STRONG (confidence 0.8) hype z 3.1`);
    expect(eventLine('system.kill', JSON.stringify({ reason: 'test', source: 'gateway', ts: '2026-12-07T11:00:00.000Z' }), now)).toMatch(/^11:00:00 {2}system\.kill +test \(by gateway\)$/);
  });

  it('should summarise the services snapshot by what is not up', () => {
    const body = { state: 'halted', kill: { reason: 'r', source: 'cli', ts: '' }, services: { collector: { status: 'up' }, risk: { status: 'stale' } } };
    expect(eventLine('services', JSON.stringify(body), now)).toBe(`12:00:00  ${'services'.padEnd(22)}  halted, 1/2 up (risk stale); halted by cli: r`);
  });

  it('should fall back to compact JSON for an unknown subject and to the text for non-JSON', () => {
    expect(eventLine('something.new', '{"x":1}', now)).toBe(`12:00:00  ${'something.new'.padEnd(22)}  {"x":1}`);
    expect(eventLine('odd', 'not json', now)).toBe(`12:00:00  ${'odd'.padEnd(22)}  not json`);
  });
});
