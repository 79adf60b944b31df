/** The gateway's live stream (GET /api/stream, Server-Sent Events) with the session cookie. */

/** Every event the stream sends (docs/gateway.md, "Live stream"). */
export const STREAM_EVENTS = [
  'services', 'trading-state', 'resync',
  'signal.generated', 'signal.rebalance', 'risk.approved', 'risk.rejected', 'risk.warning', 'risk.command',
  'trade.opened', 'trade.closed', 'alert.sent', 'alert.failed', 'analysis.quality', 'analysis.correlation',
  'market.cycle.completed', 'system.kill', 'system.reset',
] as const;
export type StreamEvent = (typeof STREAM_EVENTS)[number];

export type LiveState = 'connecting' | 'live' | 'reconnecting';

export interface LiveHandlers {
  /** the stream is (again) open; `again` after a lost connection: what was shown may be stale */
  open(again: boolean): void;
  event(type: StreamEvent, data: unknown): void;
  state(state: LiveState): void;
  /** the browser gave up (e.g. the stream answered 401): decide whether to log in or retry */
  closed(): void;
}

/**
 * Opens the stream. EventSource reconnects by itself after a network error (the gateway says
 * `retry: 2000`) and resends the last id, so the gateway replays what was missed; when the browser
 * gives up instead (an HTTP error), `closed` runs and the caller reconnects.
 */
export function connectLive(h: LiveHandlers): () => void {
  const es = new EventSource('/api/stream', { withCredentials: true });
  let lost = false;
  h.state('connecting');
  es.onopen = () => {
    h.state('live');
    h.open(lost);
    lost = false;
  };
  es.onerror = () => {
    lost = true;
    if (es.readyState === EventSource.CLOSED) {
      h.state('reconnecting');
      h.closed();
    } else {
      h.state('reconnecting');
    }
  };
  for (const type of STREAM_EVENTS) {
    es.addEventListener(type, (e) => {
      let data: unknown;
      try {
        data = JSON.parse((e as MessageEvent<string>).data);
      } catch {
        return; // the gateway sends JSON only; anything else is not ours to show
      }
      h.event(type, data);
    });
  }
  return () => es.close();
}
