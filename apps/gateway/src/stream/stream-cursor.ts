/**
 * The SSE event id: the position in every stream the client has seen, `SIGNAL:12,RISK:40,…`.
 * One id carries all streams because a browser resends only the last id it got (Last-Event-ID).
 */
export type StreamCursor = ReadonlyMap<string, number>;

export class CursorError extends Error {}

const PART = /^([A-Z][A-Z0-9_]*):(\d{1,15})$/;
const MAX_ID_CHARS = 1024;

export function formatCursor(cursor: StreamCursor): string {
  return [...cursor].map(([stream, seq]) => `${stream}:${seq}`).join(',');
}

/** Parses a Last-Event-ID; names a stream this gateway does not stream, or a bad part, in the error. */
export function parseCursor(text: string, known: ReadonlySet<string>): Map<string, number> {
  if (text.length > MAX_ID_CHARS) throw new CursorError(`Last-Event-ID: longer than ${MAX_ID_CHARS} characters`);
  const cursor = new Map<string, number>();
  for (const part of text.split(',')) {
    const m = PART.exec(part.trim());
    if (!m) throw new CursorError(`Last-Event-ID: not a stream position (STREAM:seq), got "${part}"`);
    if (!known.has(m[1])) throw new CursorError(`Last-Event-ID: unknown stream, got "${m[1]}"`);
    cursor.set(m[1], Number(m[2]));
  }
  return cursor;
}
