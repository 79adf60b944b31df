import { json, SimResponse, type ApiName } from './types';

/** X API v2 problem body (the recorded 429 body has exactly these keys). */
export function xProblem(status: number, title: string, detail = title): SimResponse {
  return json(status, { title, type: 'about:blank', status, detail });
}

export function telegramError(status: number, description: string, retryAfterS?: number): SimResponse {
  const body: Record<string, unknown> = { ok: false, error_code: status, description };
  if (retryAfterS !== undefined) body.parameters = { retry_after: retryAfterS };
  return json(status, body, retryAfterS !== undefined ? { 'retry-after': String(retryAfterS) } : undefined);
}

/**
 * The answer of an injected '429' / '500' fault, in each API's own error shape:
 * Gamma `{type, error}` (as its 404), CLOB `{error}`, X the problem body with x-rate-limit-*
 * headers on 429, Telegram `{ok:false, error_code, description, parameters.retry_after}`, RSS text.
 * Every 429 carries `Retry-After`.
 */
export function faultResponse(api: ApiName, status: 429 | 500, retryAfterS: number, nowMs: number): SimResponse {
  const retry = { 'retry-after': String(retryAfterS) };
  const tooMany = status === 429;
  switch (api) {
    case 'gamma':
      return json(status, tooMany ? { type: 'rate limit error', error: 'Too Many Requests' } : { type: 'internal server error', error: 'Internal Server Error' }, tooMany ? retry : undefined);
    case 'clob':
      return json(status, { error: tooMany ? 'Too Many Requests' : 'Internal Server Error' }, tooMany ? retry : undefined);
    case 'x': {
      if (!tooMany) return xProblem(500, 'Internal Server Error');
      const reset = String(Math.ceil(nowMs / 1000) + retryAfterS);
      return { ...xProblem(429, 'Too Many Requests'), headers: { ...retry, 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset } };
    }
    case 'telegram':
      return tooMany ? telegramError(429, `Too Many Requests: retry after ${retryAfterS}`, retryAfterS) : telegramError(500, 'Internal Server Error');
    default:
      return { status, text: tooMany ? 'Too Many Requests\n' : 'Internal Server Error\n', contentType: 'text/plain; charset=utf-8', headers: tooMany ? retry : undefined };
  }
}

/** 404 for a path no route knows, in the shape of the API its prefix names. */
export function notFound(api: ApiName | null): SimResponse {
  switch (api) {
    case 'gamma': return json(404, { type: 'not found error', error: 'not found' });
    case 'clob': return json(404, { error: 'not found' });
    case 'x': return xProblem(404, 'Not Found Error', 'The requested resource was not found');
    case 'telegram': return telegramError(404, 'Not Found');
    default: return json(404, { error: 'not found' });
  }
}
