/** Why an outside API call failed. Named so callers can count and report them by kind. */
export abstract class ApiCallError extends Error {
  abstract readonly kind: 'http' | 'timeout' | 'network' | 'malformed' | 'circuit_open' | 'aborted' | 'rate_limited';
  constructor(
    readonly api: string,
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${api}: ${message} (${url})`, options);
  }
  /** Worth another attempt with backoff. */
  get retryable(): boolean {
    return false;
  }
  /** Counts against the host's circuit breaker (the host is misbehaving, not the request). */
  get hostFault(): boolean {
    return false;
  }
}

export class HttpStatusError extends ApiCallError {
  override readonly name = 'HttpStatusError';
  readonly kind = 'http';
  constructor(api: string, url: string, readonly status: number, readonly body: string, readonly retryAfterMs: number | null) {
    super(api, url, `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
  }
  override get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
  override get hostFault(): boolean {
    return this.status >= 500;
  }
}

export class RequestTimeoutError extends ApiCallError {
  override readonly name = 'RequestTimeoutError';
  readonly kind = 'timeout';
  override get retryable(): boolean {
    return true;
  }
  override get hostFault(): boolean {
    return true;
  }
}

export class NetworkError extends ApiCallError {
  override readonly name = 'NetworkError';
  readonly kind = 'network';
  override get retryable(): boolean {
    return true;
  }
  override get hostFault(): boolean {
    return true;
  }
}

/** 200 with a body that is not the JSON we asked for. */
export class MalformedResponseError extends ApiCallError {
  override readonly name = 'MalformedResponseError';
  readonly kind = 'malformed';
  override get retryable(): boolean {
    return true;
  }
  override get hostFault(): boolean {
    return true;
  }
}

export class CircuitOpenError extends ApiCallError {
  override readonly name = 'CircuitOpenError';
  readonly kind = 'circuit_open';
}

/** The caller gave up: the cycle was aborted (kill switch, shutdown). */
export class CallAbortedError extends ApiCallError {
  override readonly name = 'CallAbortedError';
  readonly kind = 'aborted';
}

/** The server asked us to wait longer than we are willing to. */
export class RateLimitedError extends ApiCallError {
  override readonly name = 'RateLimitedError';
  readonly kind = 'rate_limited';
}
