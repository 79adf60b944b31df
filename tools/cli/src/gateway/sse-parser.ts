/** One Server-Sent Event as dispatched (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface SseMessage {
  readonly event: string;
  readonly data: string;
  /** the id field of this event, when it had one */
  readonly id?: string;
}

/**
 * Incremental SSE parser: feed it text as it arrives, get the complete events. Lines end in LF, CRLF or
 * CR; `:` lines are comments (keep-alives); data lines join with LF; a blank line dispatches; `retry`
 * sets the reconnection delay. An event with no data is not dispatched, as in a browser.
 */
export class SseParser {
  /** the server's `retry:` in ms, once it sent one */
  retryMs: number | undefined;
  /** comments received (`: keepalive`), counted for tests and liveness */
  comments = 0;
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    let m: RegExpExecArray | null;
    const lineEnd = /\r\n|\r|\n/g;
    let start = 0;
    while ((m = lineEnd.exec(this.buffer))) {
      // a CR at the very end may be the first half of a CRLF: wait for the next chunk
      if (m[0] === '\r' && m.index === this.buffer.length - 1) break;
      const message = this.line(this.buffer.slice(start, m.index));
      if (message) out.push(message);
      start = m.index + m[0].length;
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) {
      this.comments++;
      return null;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return null;
  }

  private dispatch(): SseMessage | null {
    const message = this.data.length ? { event: this.event || 'message', data: this.data.join('\n'), ...(this.id !== undefined ? { id: this.id } : {}) } : null;
    this.event = '';
    this.data = [];
    this.id = undefined;
    return message;
  }
}
