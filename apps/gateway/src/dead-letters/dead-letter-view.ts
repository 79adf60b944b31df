import type { StoredMessage } from '../jetstream/stored-messages';

/** Longest payload the list shows; the full one (what the dead letter kept) is at /api/dead-letters/:id. */
export const PAYLOAD_PREVIEW_CHARS = 2000;

/** A system.deadletter message as the API shows it. `id` is its DEADLETTER stream sequence. */
export interface DeadLetterView {
  id: number;
  storedAt: string;
  /** when and by which service it was filed (the envelope's ts and source) */
  ts: string | null;
  service: string | null;
  /** the subject and consumer the rejected message came to, and why it was rejected */
  subject: string | null;
  consumer: string | null;
  reason: string | null;
  payload: string;
  encoding: 'utf8' | 'base64';
  /** the payload here is cut (the list's preview, or the dead letter itself kept only a prefix) */
  truncated: boolean;
  bytes: number | null;
  sha256: string | null;
  headers: Record<string, string[]> | null;
}

/**
 * A stored dead letter, read leniently: a message on system.deadletter that is not a DeadLetterEvent
 * (anyone may publish there) is shown as it came, its bytes as the payload.
 */
export function deadLetterView(m: StoredMessage, previewChars?: number): DeadLetterView {
  const text = Buffer.from(m.data).toString('utf8');
  let e: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) e = parsed as Record<string, unknown>;
  } catch {
    // not JSON: the raw text is the payload
  }
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const isEvent = typeof e.payload === 'string';
  const full = isEvent ? (e.payload as string) : text;
  const payload = previewChars !== undefined && full.length > previewChars ? full.slice(0, previewChars) : full;
  const bytes = typeof e.bytes === 'number' ? e.bytes : null;
  const keptBytes = isEvent ? (e.encoding === 'base64' ? Buffer.from(full, 'base64').length : Buffer.byteLength(full)) : m.data.length;
  return {
    id: m.seq, storedAt: m.storedAt, ts: str(e.ts), service: str(e.source),
    subject: str(e.subject), consumer: str(e.consumer), reason: isEvent ? str(e.reason) : 'not a dead-letter event',
    payload, encoding: e.encoding === 'base64' ? 'base64' : 'utf8',
    truncated: payload.length < full.length || (bytes !== null && bytes > keptBytes),
    bytes, sha256: str(e.sha256),
    headers: e.headers && typeof e.headers === 'object' ? (e.headers as Record<string, string[]>) : null,
  };
}
