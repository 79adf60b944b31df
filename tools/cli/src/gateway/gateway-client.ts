import { GatewayTarget } from './gateway-target';

export const GATEWAY_TIMEOUT_MS = 5000;

/**
 * A gateway call that failed, as one line for the user: `cannot reach the gateway at <url>: <reason>`
 * when no answer came, or `the gateway at <url> answered <status>: <its message>` otherwise.
 */
export class GatewayError extends Error {
  constructor(
    message: string,
    /** unreachable: no HTTP answer (refused, DNS, timeout); http: an answer with an error status */
    readonly kind: 'unreachable' | 'http',
    readonly status?: number,
  ) {
    super(message);
  }
}

export type QueryValue = string | number | boolean | undefined;

/** The gateway's REST API over plain fetch: bearer GATEWAY_TOKEN, a timeout per call, one-line errors. */
export class GatewayClient {
  constructor(
    readonly target: Pick<GatewayTarget, 'url' | 'token'>,
    private readonly timeoutMs = GATEWAY_TIMEOUT_MS,
  ) {}

  get<T>(path: string, query: Record<string, QueryValue> = {}): Promise<T> {
    return this.call<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body: Record<string, unknown> = {}): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  /**
   * An open response whose body the caller reads (the SSE stream): the timeout covers the headers only.
   * Error statuses are thrown as for get().
   */
  async open(path: string, headers: Record<string, string>, signal?: AbortSignal): Promise<Response> {
    const connect = AbortSignal.timeout(this.timeoutMs);
    const res = await this.fetch(path, { headers: { ...this.headers(), ...headers }, signal: signal ? AbortSignal.any([signal, connect]) : connect }, signal);
    if (!res.ok) throw await this.answerError(res);
    return res;
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<T> {
    const res = await this.fetch(path, {
      method,
      headers: { ...this.headers(), Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw await this.answerError(res);
    try {
      return (await res.json()) as T;
    } catch (err) {
      throw new GatewayError(`the gateway at ${this.target.url} answered ${res.status} with a body that is not JSON: ${reasonOf(err, this.timeoutMs)}`, 'http', res.status);
    }
  }

  private async fetch(path: string, init: RequestInit, callerSignal?: AbortSignal): Promise<Response> {
    try {
      return await fetch(`${this.target.url}${path}`, init);
    } catch (err) {
      if (callerSignal?.aborted) throw err; // the caller's own abort (Ctrl-C), not a failure
      throw new GatewayError(`cannot reach the gateway at ${this.target.url}: ${reasonOf(err, this.timeoutMs)}`, 'unreachable');
    }
  }

  private headers(): Record<string, string> {
    return this.target.token ? { Authorization: `Bearer ${this.target.token}` } : {};
  }

  private async answerError(res: Response): Promise<GatewayError> {
    const text = await res.text().catch(() => '');
    let message = text.trim().split('\n')[0].slice(0, 300) || res.statusText;
    try {
      const body = JSON.parse(text) as { message?: unknown; errors?: unknown };
      if (Array.isArray(body.errors) && body.errors.length) message = body.errors.map(String).join('; ');
      else if (Array.isArray(body.message)) message = body.message.map(String).join('; ');
      else if (typeof body.message === 'string') message = body.message;
    } catch {
      // not JSON (a proxy's page): its first line
    }
    const hint = res.status === 401 && !this.target.token ? ' (GATEWAY_TOKEN is not set)' : '';
    return new GatewayError(`the gateway at ${this.target.url} answered ${res.status}: ${message}${hint}`, 'http', res.status);
  }
}

/** `?a=1&b=x`, leaving out undefined values. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** fetch's "fetch failed" says nothing: the cause's code and message do (ECONNREFUSED, ENOTFOUND …). */
function reasonOf(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = e?.cause;
  if (cause?.message) return cause.code && !cause.message.includes(cause.code) ? `${cause.code} ${cause.message}` : cause.message;
  return e?.message ?? String(err);
}
