import http from 'node:http';

export interface SseEvent {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

/** A test's SSE connection: every event and comment line received, and a way to wait for more. */
export class SseReader {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  /** everything received, as text (an error answer's JSON body too) */
  raw = '';
  ended = false;
  private buffer = '';
  private waiters: (() => void)[] = [];
  private req!: http.ClientRequest;
  res?: http.IncomingMessage;

  static open(url: string, headers: Record<string, string>): Promise<SseReader> {
    const reader = new SseReader();
    return new Promise((resolve, reject) => {
      reader.req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
        reader.res = res;
        reader.status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => reader.take(chunk));
        res.on('end', () => { reader.ended = true; reader.wake(); });
        resolve(reader);
      });
      reader.req.on('error', reject);
    });
  }

  /** Waits until `done` holds for what was received (checked on every chunk), or fails after timeoutMs. */
  async until(done: (r: SseReader) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`SSE: condition not met in ${timeoutMs} ms; got ${JSON.stringify(this.events.map((e) => e.event))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  named(event: string): SseEvent[] {
    return this.events.filter((e) => e.event === event);
  }

  close(): void {
    this.req.destroy();
  }

  private take(chunk: string): void {
    this.raw += chunk;
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.parse(block);
    }
    this.wake();
  }

  private parse(block: string): void {
    const fields: Record<string, string> = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) { this.comments.push(line.slice(1).trim()); continue; }
      const colon = line.indexOf(':');
      if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
    }
    if (fields.event || fields.data) this.events.push({ event: fields.event ?? 'message', data: fields.data ?? '', ...(fields.id ? { id: fields.id } : {}) });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
