import { NO_REASON, UNKNOWN_SOURCE, parseControlMessage } from './control';

describe('parseControlMessage()', () => {
  const at = new Date('2026-11-26T10:00:00.000Z');

  it('should give a default reason when the payload is empty', () => {
    expect(parseControlMessage(new Uint8Array(), at)).toEqual({ reason: NO_REASON, source: UNKNOWN_SOURCE, ts: at.toISOString() });
    expect(parseControlMessage(undefined, at).reason).toBe(NO_REASON);
  });

  it('should keep plain text as the reason', () => {
    expect(parseControlMessage(Buffer.from('manual stop'), at)).toMatchObject({ reason: 'manual stop', source: UNKNOWN_SOURCE });
  });

  it('should read reason, source and metrics from JSON', () => {
    const msg = parseControlMessage('{"reason":"x","source":"test","metrics":{"pnl":-5}}', at);
    expect(msg).toEqual({ reason: 'x', source: 'test', ts: at.toISOString(), metrics: { pnl: -5 } });
  });

  it('should keep malformed JSON as text rather than fail', () => {
    expect(parseControlMessage('{{not json', at).reason).toBe('{{not json');
  });

  it('should accept JSON that is not an object', () => {
    expect(parseControlMessage('"quoted"', at).reason).toBe('quoted');
    expect(parseControlMessage('42', at).reason).toBe('42');
    expect(parseControlMessage('{"reason":7}', at).reason).toBe(NO_REASON);
  });

  it('should survive invalid UTF-8 and strip control characters', () => {
    expect(parseControlMessage(new Uint8Array([0xff, 0x41]), at).reason).toContain('A');
    expect(parseControlMessage('line1\nline2\u001b[31m', at).reason).toBe('line1 line2 [31m');
  });

  it('should clip very long reasons', () => {
    expect(parseControlMessage('x'.repeat(5000), at).reason.length).toBe(500);
  });
});
