import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The dashboard's session cookie: HttpOnly, SameSite=Strict, scoped to the gateway. */
export const SESSION_COOKIE = 'polytrader_session';
export const SESSION_TTL_S = 12 * 3600;

/**
 * A session is `<nonce>.<expiresAtS>.<hmac>` signed with a key derived from GATEWAY_TOKEN: stateless, so a
 * gateway restart keeps the owner logged in (the dashboard reconnects by itself), and changing the token
 * ends every session.
 */
export function issueSession(token: string, nowMs: number, ttlS = SESSION_TTL_S): string {
  const body = `${randomBytes(16).toString('base64url')}.${Math.floor(nowMs / 1000) + ttlS}`;
  return `${body}.${sign(token, body)}`;
}

export function sessionValid(token: string, cookie: string, nowMs: number): boolean {
  const parts = cookie.split('.');
  if (parts.length !== 3) return false;
  const [nonce, expires, mac] = parts;
  const expiresS = Number(expires);
  if (!nonce || !Number.isInteger(expiresS) || expiresS * 1000 <= nowMs) return false;
  return sameText(mac, sign(token, `${nonce}.${expires}`));
}

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function sessionCookieHeader(value: string, ttlS = SESSION_TTL_S, secure = false): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${ttlS}${secure ? '; Secure' : ''}`;
}

function sign(token: string, body: string): string {
  const key = createHmac('sha256', 'polytrader-session-key').update(token).digest();
  return createHmac('sha256', key).update(body).digest('base64url');
}

/** Constant-time comparison of two secrets of any length. */
export function sameText(a: string, b: string): boolean {
  const digest = (s: string) => createHmac('sha256', 'compare').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
