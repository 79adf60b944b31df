/** Where a client's frames go: an HTTP response (node's ServerResponse fits). */
export interface SseSink {
  write(chunk: string): boolean;
  readonly writableLength: number;
  destroy(): void;
}

export interface SseClientLimits {
  /** bytes queued in the socket's user-space buffer beyond which the client is dropped */
  readonly maxBufferedBytes: number;
  /** live events held while the client catches up, beyond which it is dropped */
  readonly maxPendingEvents: number;
}

interface PendingEvent {
  readonly stream: string;
  readonly seq: number;
  readonly frame: string;
}

/**
 * One SSE connection. Knows the last sequence it was sent per stream, so the catch-up from JetStream
 * and the live feed can meet without a gap or a repeat. Never waits on the socket: a client whose
 * buffer fills is dropped, so a stalled browser cannot slow the hub or the bus.
 */
export class SseClient {
  private pending: PendingEvent[] | null = [];
  private closedWhy: string | null = null;

  constructor(
    private readonly sink: SseSink,
    /** per stream, the last sequence this client has (from its Last-Event-ID, or the hub's position at connect) */
    readonly seen: Map<string, number>,
    private readonly limits: SseClientLimits,
    private readonly onDrop: (client: SseClient, why: string) => void,
  ) {}

  get closed(): boolean {
    return this.closedWhy !== null;
  }

  /** A frame that is not a stored event (snapshot, keep-alive, resync): sent now, even while catching up. */
  send(frame: string): void {
    if (this.closed) return;
    if (this.sink.writableLength + frame.length > this.limits.maxBufferedBytes) {
      this.drop(`slow client: more than ${this.limits.maxBufferedBytes} bytes unread`);
      return;
    }
    this.sink.write(frame);
  }

  /** A live event from the hub: held while catching up, skipped if already sent. */
  live(stream: string, seq: number, frame: string): void {
    if (this.pending) {
      if (this.pending.length >= this.limits.maxPendingEvents) this.drop(`slow client: more than ${this.limits.maxPendingEvents} events behind`);
      else this.pending.push({ stream, seq, frame });
      return;
    }
    this.stored(stream, seq, frame);
  }

  /** An event read during catch-up, framed with this client's own cursor. */
  stored(stream: string, seq: number, frame: string): void {
    if (seq <= (this.seen.get(stream) ?? 0)) return;
    this.seen.set(stream, seq);
    this.send(frame);
  }

  /** Catch-up of one stream ended at the hub's position when the client connected. */
  caughtUp(stream: string, seq: number): void {
    if (seq > (this.seen.get(stream) ?? 0)) this.seen.set(stream, seq);
  }

  /** Catch-up done: the live events held meanwhile go out, then the client is live. */
  goLive(): void {
    const held = this.pending ?? [];
    this.pending = null;
    for (const e of held) this.stored(e.stream, e.seq, e.frame);
  }

  close(why: string): void {
    if (this.closed) return;
    this.closedWhy = why;
    this.pending = null;
    this.sink.destroy();
  }

  private drop(why: string): void {
    if (this.closed) return;
    this.close(why);
    this.onDrop(this, why);
  }
}
