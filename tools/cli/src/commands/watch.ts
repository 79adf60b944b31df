import { GatewayError } from '../gateway/gateway-client';
import { eventLine } from '../gateway/event-summary';
import { SseParser } from '../gateway/sse-parser';
import { gatewayClient } from './read';

const DEFAULT_RETRY_MS = 2000;

/**
 * `polytrader watch [--json]`: tails the gateway's live stream (GET /api/stream, Server-Sent Events), one
 * line per event (time, subject, summary) or with --json one object per line `{event, id, data}`. A dropped
 * connection is reopened after the server's `retry:` with Last-Event-ID, so stored events are not missed.
 * The first connection failing is an error (one line, exit 1); Ctrl-C ends it with exit 0.
 */
export async function watch(options: { json?: boolean; gateway?: string }): Promise<number> {
  const client = gatewayClient(options.gateway);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let lastId: string | undefined;
  let connected = false;
  let retryMs = DEFAULT_RETRY_MS;
  try {
    while (!stop.signal.aborted) {
      try {
        const res = await client.open('/api/stream', { Accept: 'text/event-stream', ...(lastId ? { 'Last-Event-ID': lastId } : {}) }, stop.signal);
        if (connected) process.stderr.write(`reconnected${lastId ? ` after ${lastId}` : ''}\n`);
        connected = true;
        const parser = new SseParser();
        const decoder = new TextDecoder();
        for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
          for (const m of parser.push(decoder.decode(chunk, { stream: true }))) {
            if (m.id) lastId = m.id;
            if (m.event === 'resync') lastId = undefined; // the replay was cut: start from now next time
            process.stdout.write(options.json ? `${JSON.stringify({ event: m.event, ...(m.id ? { id: m.id } : {}), data: parseOrText(m.data) })}\n` : `${eventLine(m.event, m.data)}\n`);
          }
          retryMs = parser.retryMs ?? retryMs;
        }
        if (!stop.signal.aborted) process.stderr.write(`the gateway closed the stream; reconnecting in ${retryMs} ms\n`);
      } catch (err) {
        if (stop.signal.aborted) break;
        // no first connection, or an answer that retrying will not change (401, 400): the one-line error
        if (!connected || (err instanceof GatewayError && err.kind === 'http' && err.status !== 503)) throw err;
        process.stderr.write(`${err instanceof GatewayError ? err.message : `stream dropped: ${(err as Error).message}`}; reconnecting in ${retryMs} ms\n`);
      }
      await sleep(retryMs, stop.signal);
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function parseOrText(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}
