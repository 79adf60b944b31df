import type { IncomingHttpHeaders } from 'node:http';

export type ApiName = 'gamma' | 'clob' | 'x' | 'rss' | 'telegram' | 'control';

export interface SimRequest {
  readonly method: string;
  /** pathname without the query string */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** captures of the route pattern, by group name */
  readonly params: Readonly<Record<string, string>>;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** serialised with JSON.stringify unless `text` is given */
  readonly json?: unknown;
  readonly text?: string;
  readonly contentType?: string;
}

export interface HandlerContext {
  /** the simulator clock at arrival (epoch ms) */
  readonly now: number;
  /** set when a 'missing_fields' fault hit this request: the handler mutates its records */
  readonly missingFields: boolean;
  readonly route: string;
}

export type Handler = (req: SimRequest, ctx: HandlerContext) => SimResponse | Promise<SimResponse>;

export interface RouteDef {
  readonly api: ApiName;
  readonly method: 'GET' | 'POST' | 'DELETE' | 'ANY';
  readonly pattern: RegExp;
  /** route name used by faults and the request log ('gamma.markets', 'telegram.sendMessage', …) */
  readonly name: string | ((params: Readonly<Record<string, string>>) => string);
  readonly handler: Handler;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, json: body, headers };
}
