import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('should split events across chunks, join data lines and keep ids and retry', () => {
    const p = new SseParser();
    expect(p.push('retry: 2000\n\nevent: services\ndata: {"a":')).toEqual([]);
    expect(p.push('1}\n\n: keepalive\n\nevent: signal.generated\nid: SIGNAL:3,RISK:1\ndata: line1\ndata:line2\n\n')).toEqual([
      { event: 'services', data: '{"a":1}' },
      { event: 'signal.generated', data: 'line1\nline2', id: 'SIGNAL:3,RISK:1' },
    ]);
    expect(p.retryMs).toBe(2000);
    expect(p.comments).toBe(1);
  });

  it('should take CRLF and CR line ends, also split between chunks', () => {
    const p = new SseParser();
    expect(p.push('data: a\r')).toEqual([]);
    expect(p.push('\n\r\ndata: b\r\r')).toEqual([{ event: 'message', data: 'a' }]);
    // the last CR may start a CRLF: the blank line is only known with the next chunk
    expect(p.push('\ndata: c\n\n')).toEqual([{ event: 'message', data: 'b' }, { event: 'message', data: 'c' }]);
  });

  it('should not dispatch an event without data, nor carry its fields to the next', () => {
    const p = new SseParser();
    expect(p.push('event: x\nid: 1\n\ndata: y\n\n')).toEqual([{ event: 'message', data: 'y' }]);
  });
});
