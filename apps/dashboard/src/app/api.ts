/** REST calls to the gateway, with the session cookie (same origin). A 401 means: log in again. */

export class Unauthorized extends Error {}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function messageOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: unknown };
    return typeof body.message === 'string' ? body.message : Array.isArray(body.message) ? body.message.join('; ') : res.statusText;
  } catch {
    return res.statusText;
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401) throw new Unauthorized(await messageOf(res));
  if (!res.ok) throw new ApiError(res.status, `${res.status}: ${await messageOf(res)}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const getJson = <T>(path: string): Promise<T> => call<T>('GET', path);
export const postJson = <T>(path: string, body: unknown = {}): Promise<T> => call<T>('POST', path, body);
