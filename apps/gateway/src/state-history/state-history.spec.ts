import { StateEvent, StateEventKind, stateTransitions } from './state-history';

const ev = (kind: StateEventKind, minute: number, stream = kind === 'kill' || kind === 'reset' ? 'CONTROL' : 'RISK'): StateEvent => ({
  kind, reason: `${kind} reason`, source: 'cli', ts: new Date(Date.UTC(2026, 11, 7, 10, minute)).toISOString(), stream, seq: minute,
});

describe('stateTransitions()', () => {
  it('should halt on a kill until the reset, and come back to REDUCING while a reduce command holds', () => {
    const t = stateTransitions([ev('reset', 5), ev('kill', 2), ev('reduce', 1), ev('resume', 7)]);
    expect(t.map((x) => `${x.kind}:${x.from}->${x.to}`)).toEqual(['reduce:ACTIVE->REDUCING', 'kill:REDUCING->HALTED', 'reset:HALTED->REDUCING', 'resume:REDUCING->ACTIVE']);
  });

  it('should stay HALTED through commands and warnings until the reset', () => {
    const t = stateTransitions([ev('kill', 1), ev('resume', 2), ev('warning', 3), ev('reset', 4)]);
    expect(t.map((x) => x.to)).toEqual(['HALTED', 'HALTED', 'HALTED', 'ACTIVE']);
  });

  it('should enter the automatic REDUCING on a warning, left at the next event', () => {
    const t = stateTransitions([ev('warning', 1), ev('kill', 2), ev('reset', 3)]);
    expect(t.map((x) => `${x.from}->${x.to}`)).toEqual(['ACTIVE->REDUCING', 'REDUCING->HALTED', 'HALTED->ACTIVE']);
    expect(t[0]).toMatchObject({ reason: 'warning reason', source: 'cli', stream: 'RISK', seq: 1 });
  });

  it('should order events stored in the same millisecond by stream and sequence', () => {
    const same = { reason: '', source: 's', ts: '2026-12-07T10:00:00.000Z' };
    const t = stateTransitions([{ ...same, kind: 'reset', stream: 'CONTROL', seq: 2 }, { ...same, kind: 'kill', stream: 'CONTROL', seq: 1 }]);
    expect(t.map((x) => x.kind)).toEqual(['kill', 'reset']);
    expect(stateTransitions([])).toEqual([]);
  });
});
