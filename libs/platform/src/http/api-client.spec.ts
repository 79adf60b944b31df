import { AddressInfo } from 'node:net';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { ApiClient, ApiClientOptions, rateLimitResetMs, retryAfterOf } from './api-client';
import { ServiceMetrics } from '../metrics/service-metrics';
import { CallAbortedError, CircuitOpenError, HttpStatusError, MalformedResponseError, RateLimitedError, RequestTimeoutError } from './errors';

type Script = (req: IncomingMessage, res: ServerResponse, n: number) => void;

/** A real HTTP server whose answers a test scripts per request number. */
async function scriptedServer(script: Script): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let n = 0;
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    script(req, res, ++n);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => n,
    close: () => new Promise((r) => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

const clients: ApiClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.close()));

function client(baseUrl: string, over: Partial<ApiClientOptions> = {}): ApiClient {
  return track(new ApiClient({
    api: 'test', baseUrl, rate: 1000, burst: 1000, timeoutMs: 300, maxRetries: 3,
    backoff: { baseMs: 5, maxMs: 20 }, breaker: { errorThresholdPct: 50, resetTimeoutMs: 60_000, volumeThreshold: 4 }, ...over,
  }));
}

function track(c: ApiClient): ApiClient {
  clients.push(c);
  return c;
}

describe('ApiClient', () => {
  let srv: Awaited<ReturnType<typeof scriptedServer>>;
  afterEach(() => srv?.close());

  it('should GET JSON with query parameters', async () => {
    srv = await scriptedServer((req, res) => json(res, 200, { url: req.url }));
    const r = await client(srv.url + '/base').getJson<{ url: string }>('/markets', { limit: 2, active: true, skip: undefined });
    expect(r.data.url).toBe('/base/markets?limit=2&active=true');
  });

  it('should retry a 500 and succeed', async () => {
    srv = await scriptedServer((_q, res, n) => (n < 3 ? json(res, 500, 'boom') : json(res, 200, { ok: true })));
    const c = client(srv.url);
    await expect(c.getJson('/x')).resolves.toMatchObject({ data: { ok: true } });
    expect(c.stats()).toMatchObject({ requests: 3, retries: 2, failures: 0 });
  });

  it('should honour Retry-After on 429 before retrying', async () => {
    const times: number[] = [];
    srv = await scriptedServer((_q, res, n) => {
      times.push(Date.now());
      return n === 1 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '0.2' }) : json(res, 200, {});
    });
    await client(srv.url).getJson('/x');
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(190);
  });

  it('should give up at once when Retry-After is longer than it will wait', async () => {
    srv = await scriptedServer((_q, res) => json(res, 429, {}, { 'retry-after': '3600' }));
    await expect(client(srv.url).getJson('/x')).rejects.toBeInstanceOf(RateLimitedError);
    expect(srv.hits()).toBe(1);
  });

  it('should not retry a 4xx other than 429', async () => {
    srv = await scriptedServer((_q, res) => json(res, 400, { error: 'Invalid token id' }));
    const err = await client(srv.url).getJson('/book').catch((e) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect(err.status).toBe(400);
    expect(srv.hits()).toBe(1);
  });

  it('should time out a hanging request, retry, and then fail with RequestTimeoutError', async () => {
    srv = await scriptedServer(() => undefined);
    const err = await client(srv.url, { maxRetries: 1, timeoutMs: 100 }).getJson('/x').catch((e) => e);
    expect(err).toBeInstanceOf(RequestTimeoutError);
    expect(srv.hits()).toBe(2);
  });

  it('should treat a non-JSON 200 as malformed and retry it', async () => {
    srv = await scriptedServer((_q, res, n) => (n === 1 ? json(res, 200, '{"trunc') : json(res, 200, [1])));
    await expect(client(srv.url).getJson('/x')).resolves.toMatchObject({ data: [1] });
    expect(srv.hits()).toBe(2);
  });

  it('should open the breaker after repeated host faults and then fail fast without calling', async () => {
    srv = await scriptedServer((_q, res) => json(res, 503, 'down'));
    const c = client(srv.url, { maxRetries: 0 });
    for (let i = 0; i < 4; i++) await c.getJson('/x').catch(() => undefined);
    expect(c.breakerState).toBe('open');
    const before = srv.hits();
    await expect(c.getJson('/x')).rejects.toBeInstanceOf(CircuitOpenError);
    expect(srv.hits()).toBe(before);
  });

  it('should keep the breaker closed through a 429 storm', async () => {
    srv = await scriptedServer((_q, res) => json(res, 429, {}, { 'retry-after': '0' }));
    const c = client(srv.url, { maxRetries: 1 });
    for (let i = 0; i < 6; i++) await c.getJson('/x').catch(() => undefined);
    expect(c.breakerState).toBe('closed');
  });

  it('should abort in-flight and queued calls at once when the signal fires', async () => {
    srv = await scriptedServer(() => undefined);
    const c = client(srv.url, { timeoutMs: 10_000, rate: 1, burst: 1 });
    const ctl = new AbortController();
    const inflight = c.getJson('/a', undefined, ctl.signal);
    const queued = c.getJson('/b', undefined, ctl.signal);
    await new Promise((r) => setTimeout(r, 50));
    ctl.abort(new Error('halted'));
    await expect(inflight).rejects.toBeInstanceOf(CallAbortedError);
    await expect(queued).rejects.toBeInstanceOf(CallAbortedError);
    expect(srv.hits()).toBe(1);
  });
});

describe('ApiClient metrics', () => {
  let srv: Awaited<ReturnType<typeof scriptedServer>>;
  const metrics: ServiceMetrics[] = [];
  afterEach(async () => {
    metrics.splice(0).forEach((m) => m.close());
    await srv?.close();
  });

  it('should count latency per host and status, errors by kind, 429s and limiter waits in the injected registry', async () => {
    srv = await scriptedServer((_q, res, n) => (n === 1 ? json(res, 429, {}, { 'retry-after': '0' }) : n === 2 ? json(res, 500, 'boom') : json(res, 200, {})));
    const m = new ServiceMetrics('test');
    metrics.push(m);
    await client(srv.url, { api: 'gamma', metrics: m }).getJson('/x');
    const host = new URL(srv.url).host;
    const text = await m.registry.metrics();
    expect(text).toContain(`polytrader_api_request_duration_seconds_count{api="gamma",host="${host}",status="429"} 1`);
    expect(text).toContain(`polytrader_api_request_duration_seconds_count{api="gamma",host="${host}",status="500"} 1`);
    expect(text).toContain(`polytrader_api_request_duration_seconds_count{api="gamma",host="${host}",status="200"} 1`);
    expect(text).toContain(`polytrader_api_errors_total{api="gamma",host="${host}",kind="http"} 2`);
    expect(text).toContain(`polytrader_api_rate_limited_total{api="gamma",host="${host}"} 1`);
    expect(text).toContain('polytrader_rate_limiter_wait_seconds_count{api="gamma"} 3');
  });
});

describe('ApiClient with X rate-limit headers', () => {
  let srv: Awaited<ReturnType<typeof scriptedServer>>;
  afterEach(() => srv?.close());
  const resetIn = (ms: number) => String(Math.ceil((Date.now() + ms) / 1000));

  it('should pause every caller when x-rate-limit-remaining reaches 0, until x-rate-limit-reset', async () => {
    const times: number[] = [];
    let reset = '';
    srv = await scriptedServer((_q, res, n) => {
      times.push(Date.now());
      if (n === 1) reset = resetIn(1000);
      json(res, 200, { n }, n === 1 ? { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset } : { 'x-rate-limit-remaining': '99' });
    });
    const c = client(srv.url, { rateLimitHeaders: true });
    await c.getJson('/a');
    expect(c.stats().pausedMs).toBeGreaterThan(0);
    await Promise.all([c.getJson('/b'), c.getJson('/c')]);
    expect(times[1]).toBeGreaterThanOrEqual(Number(reset) * 1000 - 5);
    expect(times[2]).toBeGreaterThanOrEqual(Number(reset) * 1000 - 5);
  });

  it('should not pause while requests remain, nor when the option is off', async () => {
    srv = await scriptedServer((_q, res) => json(res, 200, {}, { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': resetIn(30_000) }));
    const plain = client(srv.url);
    await plain.getJson('/a');
    expect(plain.stats().pausedMs).toBe(0);
    await srv.close();
    srv = await scriptedServer((_q, res) => json(res, 200, {}, { 'x-rate-limit-remaining': '5', 'x-rate-limit-reset': resetIn(30_000) }));
    const x = client(srv.url, { rateLimitHeaders: true });
    await x.getJson('/a');
    expect(x.stats().pausedMs).toBe(0);
  });

  it('should wait out a 429 whose reset is near and then succeed', async () => {
    const times: number[] = [];
    let reset = '';
    srv = await scriptedServer((_q, res, n) => {
      times.push(Date.now());
      if (n === 1) {
        reset = resetIn(800);
        return json(res, 429, { title: 'Too Many Requests', type: 'about:blank', status: 429, detail: 'Too Many Requests' }, { 'x-rate-limit-reset': reset });
      }
      return json(res, 200, { ok: true });
    });
    const c = client(srv.url, { rateLimitHeaders: true });
    await expect(c.getJson('/x')).resolves.toMatchObject({ data: { ok: true } });
    expect(times[1]).toBeGreaterThanOrEqual(Number(reset) * 1000 - 5);
  });

  it('should give up at once, without requests, when the window resets later than it waits', async () => {
    srv = await scriptedServer((_q, res) => json(res, 429, { title: 'Too Many Requests' }, { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': resetIn(600_000) }));
    const c = client(srv.url, { rateLimitHeaders: true, maxRetryAfterMs: 1000 });
    await expect(c.getJson('/first')).rejects.toBeInstanceOf(RateLimitedError);
    const t0 = Date.now();
    const errs = await Promise.all([c.getJson('/a'), c.getJson('/b')].map((p) => p.catch((e) => e)));
    expect(errs.map((e) => e.constructor)).toEqual([RateLimitedError, RateLimitedError]);
    expect(errs[0].message).toMatch(/rate-limit window spent; it resets in \d+ s/);
    expect(Date.now() - t0).toBeLessThan(100);
    expect(srv.hits()).toBe(1);
  });
});

describe('ApiClient.getText()', () => {
  let srv: Awaited<ReturnType<typeof scriptedServer>>;
  afterEach(() => srv?.close());

  it('should return the body as text, sending the given Accept header', async () => {
    srv = await scriptedServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(`<rss>${req.headers.accept}</rss>`);
    });
    const r = await client(srv.url).getText('/feed.xml', undefined, undefined, 'application/rss+xml');
    expect(r.data).toBe('<rss>application/rss+xml</rss>');
  });

  it('should take an absolute URL as it is and retry a 5xx', async () => {
    srv = await scriptedServer((req, res, n) => (n === 1 ? json(res, 503, 'busy') : (res.writeHead(200), res.end(req.url))));
    const c = client('http://unused.invalid');
    await expect(c.getText(`${srv.url}/news.xml`, { limit: 5 })).resolves.toMatchObject({ data: '/news.xml?limit=5' });
  });
});

describe('retryAfterOf()', () => {
  it("should fall back to X's x-rate-limit-reset", () => {
    const now = 1_700_000_000_000;
    expect(retryAfterOf(new Headers({ 'x-rate-limit-reset': String(now / 1000 + 30) }), now)).toBe(30_000);
    expect(retryAfterOf(new Headers({}), now)).toBeNull();
  });
});

describe('rateLimitResetMs()', () => {
  it('should read epoch seconds as epoch ms and refuse anything else', () => {
    expect(rateLimitResetMs(new Headers({ 'x-rate-limit-reset': '1660051376' }))).toBe(1_660_051_376_000);
    expect(rateLimitResetMs(new Headers({ 'x-rate-limit-reset': 'soon' }))).toBeNull();
    expect(rateLimitResetMs(new Headers({}))).toBeNull();
  });
});
