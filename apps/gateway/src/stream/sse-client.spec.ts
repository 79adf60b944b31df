import { SseClient, SseSink } from './sse-client';

class MemorySink implements SseSink {
  readonly frames: string[] = [];
  writableLength = 0;
  destroyed = false;
  write(chunk: string): boolean {
    this.frames.push(chunk);
    return true;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

const limits = { maxBufferedBytes: 1000, maxPendingEvents: 3 };

function client(seen: Record<string, number> = {}) {
  const sink = new MemorySink();
  const dropped: string[] = [];
  const c = new SseClient(sink, new Map(Object.entries(seen)), limits, (_c, why) => dropped.push(why));
  return { c, sink, dropped };
}

describe('SseClient', () => {
  it('should hold live events while catching up and send them after, without repeating what catch-up sent', () => {
    const { c, sink } = client({ RISK: 10 });
    c.live('RISK', 13, 'live13');
    c.stored('RISK', 11, 'old11');
    c.stored('RISK', 12, 'old12');
    c.caughtUp('RISK', 12);
    c.live('RISK', 14, 'live14');
    c.goLive();
    c.live('RISK', 14, 'again14');
    c.live('RISK', 15, 'live15');
    expect(sink.frames).toEqual(['old11', 'old12', 'live13', 'live14', 'live15']);
  });

  it('should skip events at or below the position it resumed from', () => {
    const { c, sink } = client({ SIGNAL: 5 });
    c.goLive();
    c.live('SIGNAL', 5, 'five');
    c.live('SIGNAL', 6, 'six');
    expect(sink.frames).toEqual(['six']);
  });

  it('should drop a client whose unread bytes pass the limit, and send it nothing more', () => {
    const { c, sink, dropped } = client();
    c.goLive();
    sink.writableLength = 990;
    c.live('RISK', 1, 'x'.repeat(20));
    c.live('RISK', 2, 'y');
    expect(dropped).toEqual(['slow client: more than 1000 bytes unread']);
    expect(sink.destroyed).toBe(true);
    expect(sink.frames).toEqual([]);
  });

  it('should drop a client that falls more than the held-event limit behind while catching up', () => {
    const { c, dropped } = client();
    for (let seq = 1; seq <= 4; seq++) c.live('RISK', seq, `e${seq}`);
    expect(dropped).toEqual(['slow client: more than 3 events behind']);
    expect(c.closed).toBe(true);
  });
});
