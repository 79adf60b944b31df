import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultBook, FaultKind } from '../faults';
import { redactPath, RequestLog } from '../request-log';
import { BodyError } from './body';
import { faultResponse, notFound } from './errors';
import { ApiName, json, RouteDef, SimRequest, SimResponse } from './types';

const MAX_BODY = 10 * 1024 * 1024;
const APIS: readonly ApiName[] = ['gamma', 'clob', 'x', 'rss', 'telegram'];

export interface DispatcherOptions {
  readonly routes: readonly RouteDef[];
  readonly faults: FaultBook;
  readonly log: RequestLog;
  readonly now: () => number;
  /** added to every non-control request */
  readonly latencyMs: number;
}

/**
 * node:http server: routes a request, applies latency and faults (never to /__sim control routes),
 * runs the handler, serialises, logs. Tracks held ('timeout') responses and timers so that close()
 * ends everything at once.
 */
export class Dispatcher {
  readonly server: Server;
  private readonly held = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing = false;

  constructor(private readonly o: DispatcherOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 10_000;
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** Wait `ms` unless the server closes first (then resolves false). */
  sleep(ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(!this.closing);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve(!this.closing);
      }, ms);
      this.timers.add(t);
    });
  }

  async close(beforeClose: () => void): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    beforeClose();
    for (const res of this.held) res.destroy();
    this.held.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const ts = this.o.now();
    const url = new URL(req.url ?? '/', 'http://sim.local');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    let routeName = 'unknown';
    let faultKind: FaultKind | undefined;
    const finish = (r: SimResponse) => {
      this.log({ ts, method, path: redactPath(url.pathname + url.search), route: routeName, status: r.status, fault: faultKind, durationMs: Date.now() - started });
      this.write(res, r);
    };
    try {
      const body = await readBody(req);
      const match = this.match(method, path);
      if (!match) return finish(notFound(apiOf(path)));
      if ('methodNotAllowed' in match) return finish(json(405, { error: `method ${method} not allowed` }));
      const { route, params } = match;
      routeName = typeof route.name === 'string' ? route.name : route.name(params);
      const simReq: SimRequest = { method, path, query: url.searchParams, headers: req.headers, body, params };
      const control = route.api === 'control';
      const decision = control ? { latencyMs: 0, fault: null } : this.o.faults.decide(routeName);
      const fault = decision.fault;
      faultKind = fault?.kind ?? (decision.latencyMs > 0 ? 'latency' : undefined);
      const delay = (control ? 0 : this.o.latencyMs) + decision.latencyMs;
      if (delay > 0 && !(await this.sleep(delay))) return void res.destroy();
      if (fault?.kind === 'timeout') {
        this.log({ ts, method, path: redactPath(url.pathname + url.search), route: routeName, status: 0, fault: 'timeout', durationMs: Date.now() - started });
        this.held.add(res);
        res.on('close', () => this.held.delete(res));
        return;
      }
      if (fault?.kind === '429' || fault?.kind === '500') {
        return finish(faultResponse(route.api, fault.kind === '429' ? 429 : 500, fault.retryAfterS ?? 1, this.o.now()));
      }
      const out = await route.handler(simReq, { now: this.o.now(), missingFields: fault?.kind === 'missing_fields', route: routeName });
      if (this.closing) return void res.destroy();
      if (fault?.kind === 'malformed' && out.status < 400) return finish(malform(out));
      finish(out);
    } catch (err) {
      if (err instanceof BodyError) return finish(json(400, { error: err.message }));
      finish(json(500, { error: `simulator error: ${(err as Error).message}` }));
    }
  }

  private log(entry: Parameters<RequestLog['add']>[0]): void {
    this.o.log.add(entry);
  }

  private match(method: string, path: string): { route: RouteDef; params: Record<string, string> } | { methodNotAllowed: true } | null {
    let pathMatched = false;
    for (const route of this.o.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== 'ANY' && route.method !== method && !(route.method === 'GET' && method === 'HEAD')) continue;
      return { route, params: { ...(m.groups ?? {}) } };
    }
    return pathMatched ? { methodNotAllowed: true } : null;
  }

  private write(res: ServerResponse, r: SimResponse): void {
    if (res.destroyed || res.headersSent) return;
    const body = r.text ?? (r.json === undefined ? '' : JSON.stringify(r.json));
    const headers: Record<string, string | number> = {
      'content-type': r.contentType ?? 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      ...(r.headers ?? {}),
    };
    res.writeHead(r.status, headers);
    res.end(body);
  }
}

function apiOf(path: string): ApiName | null {
  const first = path.split('/')[1] ?? '';
  return (APIS as readonly string[]).includes(first) ? (first as ApiName) : null;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new BodyError('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** 'malformed': the real answer cut in half, still labelled as a 200 of the same content type. */
function malform(r: SimResponse): SimResponse {
  const full = r.text ?? JSON.stringify(r.json ?? null);
  let cut = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
  if (r.text === undefined) {
    try {
      JSON.parse(cut);
      cut = `${cut}{"truncated`; // a prefix that happens to be valid JSON (e.g. "1") is made invalid
    } catch {
      /* invalid, as intended */
    }
  }
  return { ...r, status: 200, text: cut };
}
