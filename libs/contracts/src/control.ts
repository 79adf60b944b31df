/**
 * system.kill and system.reset accept any payload: empty, plain text, JSON `{reason, source}`,
 * or garbage. Parsing them can never fail — a kill that failed to parse would be a kill ignored.
 */
export interface ControlMessage {
  readonly reason: string;
  readonly source: string;
  readonly ts: string;
  readonly metrics?: Record<string, unknown>;
}

export const NO_REASON = '(no reason given)';
export const UNKNOWN_SOURCE = 'unknown';
const MAX_REASON = 500;

export function parseControlMessage(bytes: Uint8Array | string | undefined, receivedAt: Date = new Date()): ControlMessage {
  const ts = receivedAt.toISOString();
  const text = toText(bytes).trim();
  if (!text) return { reason: NO_REASON, source: UNKNOWN_SOURCE, ts };
  const json = tryJson(text);
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const obj = json as Record<string, unknown>;
    const reason = typeof obj.reason === 'string' && obj.reason.trim() ? obj.reason.trim() : NO_REASON;
    const source = typeof obj.source === 'string' && obj.source.trim() ? obj.source.trim() : UNKNOWN_SOURCE;
    const metrics = obj.metrics && typeof obj.metrics === 'object' ? (obj.metrics as Record<string, unknown>) : undefined;
    return { reason: clip(reason), source: clip(source), ts, ...(metrics ? { metrics } : {}) };
  }
  if (typeof json === 'string' && json.trim()) return { reason: clip(json.trim()), source: UNKNOWN_SOURCE, ts };
  return { reason: clip(text), source: UNKNOWN_SOURCE, ts };
}

function toText(bytes: Uint8Array | string | undefined): string {
  if (bytes === undefined) return '';
  if (typeof bytes === 'string') return bytes;
  // Invalid UTF-8 becomes U+FFFD rather than an exception.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function clip(s: string): string {
  // Strip control characters so a reason cannot forge log lines or terminal escapes.
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return clean.length > MAX_REASON ? `${clean.slice(0, MAX_REASON - 1)}…` : clean;
}
