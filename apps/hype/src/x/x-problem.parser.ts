import { isObject } from './parse-outcome';

/** X's error body: RFC 7807 problem (`{title, type, status, detail}`) or `{errors: [{message}], title, detail}`. */
export interface XProblem {
  readonly title: string;
  readonly detail: string | null;
  readonly type: string | null;
  readonly status: number | null;
}

/** The problem in an X error answer's body (text or parsed JSON); null when it is not one. */
export function parseXProblem(body: unknown): XProblem | null {
  let raw = body;
  if (typeof body === 'string') {
    try {
      raw = JSON.parse(body);
    } catch {
      return null;
    }
  }
  if (!isObject(raw)) return null;
  const first = Array.isArray(raw.errors) && isObject(raw.errors[0]) ? raw.errors[0] : null;
  const title = typeof raw.title === 'string' ? raw.title : typeof first?.message === 'string' ? first.message : null;
  if (!title) return null;
  return {
    title,
    detail: typeof raw.detail === 'string' ? raw.detail : typeof first?.message === 'string' && first.message !== title ? first.message : null,
    type: typeof raw.type === 'string' ? raw.type : null,
    status: typeof raw.status === 'number' ? raw.status : null,
  };
}

/** "Too Many Requests" / "Invalid Request: One or more parameters …" — for log lines. */
export function xProblemText(p: XProblem): string {
  return p.detail && p.detail !== p.title ? `${p.title}: ${p.detail}` : p.title;
}
