import { freePort } from '@polytrader/platform/testing';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { GatewayClient, GatewayError, withQuery } from './gateway-client';

/** A real HTTP server answering as the gateway does for each path. */
function server(): Promise<{ url: string; seen: http.IncomingHttpHeaders[]; close: () => Promise<void> }> {
  const seen: http.IncomingHttpHeaders[] = [];
  const s = http.createServer((req, res) => {
    seen.push(req.headers);
    const json = (status: number, body: unknown) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (req.url === '/ok?limit=5') return json(200, { items: [1], next: null });
    if (req.url === '/echo' && req.method === 'POST') {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => json(202, { got: JSON.parse(body) }));
      return;
    }
    if (req.url === '/auth') return json(401, { statusCode: 401, message: 'missing or wrong bearer token or session cookie', error: 'Unauthorized' });
    if (req.url === '/bad') return json(400, { statusCode: 400, message: 'limit: x; sort: y', errors: ['limit: must not be less than 1, got 0', 'sort: must be one of hype, got "up"'] });
    if (req.url === '/down') return json(503, { statusCode: 503, message: 'database unavailable: SQLITE_CANTOPEN' });
    if (req.url === '/html') { res.writeHead(502, { 'Content-Type': 'text/html' }); return res.end('Bad gateway from the proxy\n<html>'); }
    if (req.url === '/slow') return void setTimeout(() => json(200, {}), 2000).unref();
    json(404, { statusCode: 404, message: 'Cannot GET' });
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, seen,
    close: () => new Promise((r) => { s.closeAllConnections(); s.close(() => r()); }),
  })));
}

describe('GatewayClient', () => {
  let gw: Awaited<ReturnType<typeof server>>;
  beforeAll(async () => { gw = await server(); });
  afterAll(() => gw.close());

  const failure = async (p: Promise<unknown>): Promise<GatewayError> => {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  };

  it('should GET JSON with the bearer token and the query', async () => {
    const client = new GatewayClient({ url: gw.url, token: 'tok' });
    expect(await client.get('/ok', { limit: 5, cursor: undefined })).toEqual({ items: [1], next: null });
    expect(gw.seen.at(-1)?.authorization).toBe('Bearer tok');
  });

  it('should POST a JSON body', async () => {
    expect(await new GatewayClient({ url: gw.url, token: 'tok' }).post('/echo', { reason: 'why' })).toEqual({ got: { reason: 'why' } });
  });

  it('should send no Authorization header without a token, and say so on a 401', async () => {
    const err = await failure(new GatewayClient({ url: gw.url, token: undefined }).get('/auth'));
    expect(gw.seen.at(-1)?.authorization).toBeUndefined();
    expect(err).toMatchObject({ kind: 'http', status: 401, message: `the gateway at ${gw.url} answered 401: missing or wrong bearer token or session cookie (GATEWAY_TOKEN is not set)` });
  });

  it("should put each of a 400's errors on the one line, and a 503's reason", async () => {
    const client = new GatewayClient({ url: gw.url, token: 't' });
    expect((await failure(client.get('/bad'))).message).toBe(`the gateway at ${gw.url} answered 400: limit: must not be less than 1, got 0; sort: must be one of hype, got "up"`);
    expect((await failure(client.get('/down'))).message).toBe(`the gateway at ${gw.url} answered 503: database unavailable: SQLITE_CANTOPEN`);
    expect((await failure(client.get('/html'))).message).toBe(`the gateway at ${gw.url} answered 502: Bad gateway from the proxy`);
  });

  it('should say it cannot reach a port nobody listens on, with the reason', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const err = await failure(new GatewayClient({ url, token: 't' }).get('/api/services'));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toMatch(new RegExp(`^cannot reach the gateway at ${url.replace(/\./g, '\\.')}: .*ECONNREFUSED`));
  });

  it('should give up after its timeout', async () => {
    const err = await failure(new GatewayClient({ url: gw.url, token: 't' }, 200).get('/slow'));
    expect(err).toMatchObject({ kind: 'unreachable', message: `cannot reach the gateway at ${gw.url}: no answer within 200 ms` });
  });

  it('should leave undefined query values out', () => {
    expect(withQuery('/api/markets', { q: 'a b', limit: 3, sort: undefined })).toBe('/api/markets?q=a+b&limit=3');
    expect(withQuery('/api/positions', {})).toBe('/api/positions');
  });
});
