import { cookieValue, issueSession, sessionValid } from './session-cookie';

describe('session cookie', () => {
  const now = Date.parse('2026-12-07T09:00:00Z');

  it('should accept its own session until it expires, and no longer', () => {
    const s = issueSession('tok', now, 60);
    expect(sessionValid('tok', s, now + 59_000)).toBe(true);
    expect(sessionValid('tok', s, now + 60_000)).toBe(false);
  });

  it('should refuse a session signed with another token, a changed expiry and garbage', () => {
    const s = issueSession('tok', now, 60);
    expect(sessionValid('other', s, now)).toBe(false);
    const [nonce, exp, mac] = s.split('.');
    expect(sessionValid('tok', `${nonce}.${Number(exp) + 3600}.${mac}`, now)).toBe(false);
    for (const junk of ['', 'a.b', 'a.b.c.d', `${nonce}.x.${mac}`]) expect(sessionValid('tok', junk, now)).toBe(false);
  });

  it('should read one cookie out of a Cookie header', () => {
    expect(cookieValue('a=1; polytrader_session=x.1.y; b=2', 'polytrader_session')).toBe('x.1.y');
    expect(cookieValue('a=1', 'polytrader_session')).toBeUndefined();
    expect(cookieValue(undefined, 'polytrader_session')).toBeUndefined();
  });
});
