import type { SimRequest } from './types';

export class BodyError extends Error {
  override readonly name = 'BodyError';
}

/** The request body as JSON; BodyError when it is not valid JSON. Empty body → undefined. */
export function jsonBody(req: SimRequest): unknown {
  const text = req.body.toString('utf8').trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new BodyError(`invalid JSON body: ${(err as Error).message}`);
  }
}

/**
 * Parameters the way the Telegram Bot API takes them: query string, then the body as JSON,
 * application/x-www-form-urlencoded or multipart/form-data (text fields only). Later wins.
 */
export function requestParams(req: SimRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of req.query) out[k] = v;
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (req.body.length === 0) return out;
  if (type.includes('application/json')) {
    const body = jsonBody(req);
    if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(out, body);
  } else if (type.includes('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1] ?? /boundary="?([^";]+)"?/i.exec(String(req.headers['content-type']))?.[1];
    if (boundary) Object.assign(out, parseMultipart(req.body.toString('utf8'), boundary));
  } else {
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) out[k] = v;
  }
  return out;
}

function parseMultipart(text: string, boundary: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(`--${boundary}`)) {
    const sep = part.indexOf('\r\n\r\n');
    if (sep < 0) continue;
    const name = /name="([^"]+)"/.exec(part.slice(0, sep))?.[1];
    if (name) out[name] = part.slice(sep + 4).replace(/\r\n$/, '');
  }
  return out;
}
