import { MarketStore, createDataSource } from '@polytrader/persistence';
import { cycleBatch } from '@polytrader/persistence/testing';
import { closeService } from '@polytrader/platform';
import { NatsServerHandle, startNatsServer } from '@polytrader/platform/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { GatewayOnDatabase, gatewayOnDatabase, startGateway } from '../testing/start-gateway';

const TOKEN = 'markets-token';
const auth = { Authorization: `Bearer ${TOKEN}` };

const startWith = (natsUrl: string, databaseUrl: string) => startGateway(natsUrl, { GATEWAY_TOKEN: TOKEN, DATABASE_URL: databaseUrl });

describe('GET /api/markets (real NATS, SQLite written by another connection, read-only gateway)', () => {
  let fx: GatewayOnDatabase;

  beforeAll(async () => {
    fx = await gatewayOnDatabase(TOKEN, async (db) => {
      await new MarketStore(db.ds).saveCycle(cycleBatch({ markets: 5 }));
    });
  });
  afterAll(() => fx.close());

  const get = (path: string) => fx.get(path);

  it('should need the token', async () => {
    await request(fx.gw.app.getHttpServer()).get('/api/markets').expect(401);
  });

  it('should list markets with their latest figures and page by cursor', async () => {
    const first = await get('/api/markets?sort=volume&limit=2').expect(200);
    expect(first.body.items.map((m: { id: string }) => m.id)).toEqual(['m4', 'm3']);
    expect(first.body.items[0]).toMatchObject({ question: 'Will thing 4 happen?', volume24h: 1004, liquidity: 5040, hypeScore: null });
    const second = await get(`/api/markets?sort=volume&limit=2&cursor=${first.body.next}`).expect(200);
    expect(second.body.items.map((m: { id: string }) => m.id)).toEqual(['m2', 'm1']);
    expect((await get('/api/markets?q=thing%203').expect(200)).body.items.map((m: { id: string }) => m.id)).toEqual(['m3']);
  });

  it('should answer 400 naming each bad parameter and the value it had', async () => {
    const res = await get('/api/markets?limit=9000&sort=fame&status=open&bogus=1').expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([
      'limit: must not be greater than 200, got 9000',
      'sort: must be one of the following values: hype, volume, liquidity, end_date, got "fame"',
      'status: must be one of the following values: active, closed, all, got "open"',
      'bogus: property bogus should not exist, got "1"',
    ]));
    expect((await get('/api/markets?limit=abc').expect(400)).body.errors).toEqual(['limit: must be an integer number, got "abc"']);
    expect((await get('/api/markets?cursor=nonsense').expect(400)).body.message).toMatch(/^cursor: not a cursor/);
  });

  it('should show one market over from/to: snapshot, books with top levels, price series per token, 404 for an unknown id', async () => {
    const from = '2024-12-31T23:00:00.000Z';
    const to = '2025-01-01T01:00:00.000Z';
    const res = await get(`/api/markets/m2?from=${from}&to=${to}`).expect(200);
    expect(res.body).toMatchObject({
      market: { id: 'm2', question: 'Will thing 2 happen?', tokenIds: ['m2-yes', 'm2-no'] },
      range: { from, to },
      latestSnapshot: { marketId: 'm2', volume24h: 1002, liquidity: 5020 },
      hype: [], news: [], analysis: null, microstructure: [], qualityIssues: [],
      // its end date (2026-01-01) has passed: no new entry while it awaits resolution
      calendar: { noEntry: true, blocker: { kind: 'resolution', name: 'resolution', at: '2026-01-01T00:00:00.000Z' }, noEntryWindowH: 24, upcoming: [] },
    });
    expect(res.body.books.map((b: { tokenId: string }) => b.tokenId).sort()).toEqual(['m2-no', 'm2-yes']);
    expect(res.body.books[0].bids).toHaveLength(2);
    expect(res.body.prices.map((p: { tokenId: string; points: unknown[] }) => [p.tokenId, p.points.length])).toEqual([['m2-yes', 2], ['m2-no', 2]]);
    // outside the range: no points
    const early = await get('/api/markets/m2?from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z').expect(200);
    expect(early.body.prices.every((p: { points: unknown[] }) => p.points.length === 0)).toBe(true);
    const missing = await get('/api/markets/nope').expect(404);
    expect(missing.body.message).toBe('no market with id "nope"');
  });

  it('should refuse a bad range naming the field and value', async () => {
    expect((await get('/api/markets/m2?from=yesterday').expect(400)).body.errors).toEqual(['from: must be a valid ISO 8601 date string, got "yesterday"']);
    expect((await get('/api/markets/m2?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z').expect(400)).body.message)
      .toBe('from: must be before to (2025-01-01T00:00:00Z), got "2025-01-02T00:00:00Z"');
    expect((await get('/api/markets/m2?from=2024-01-01T00:00:00Z&to=2025-01-01T00:00:00Z').expect(400)).body.message).toMatch(/^from: at most 90 days before to/);
  });

  it('should never write: the database file is untouched by reads', async () => {
    const before = await fx.db.ds.query('SELECT COUNT(*) AS n FROM markets');
    await get('/api/markets').expect(200);
    expect(await fx.db.ds.query('SELECT COUNT(*) AS n FROM markets')).toEqual(before);
  });
});

describe('GET /api/markets before the database exists', () => {
  it('should answer 503 with the reason while /health stays 200, then serve once writers created it', async () => {
    const nats = await startNatsServer();
    const dir = mkdtempSync(join(tmpdir(), 'polytrader-gw-'));
    const url = join(dir, 'later.sqlite');
    const gw = await startWith(nats.url, url);
    try {
      const res = await request(gw.app.getHttpServer()).get('/api/markets').set(auth).expect(503);
      expect(res.body.message).toMatch(/^database unavailable: .*does not exist yet/);
      await request(gw.app.getHttpServer()).get('/health').expect(200);
      const writer = await createDataSource({ url });
      try {
        await new MarketStore(writer).saveCycle(cycleBatch({ markets: 2 }));
        const ok = await request(gw.app.getHttpServer()).get('/api/markets').set(auth).expect(200);
        expect(ok.body.items).toHaveLength(2);
      } finally {
        await writer.destroy();
      }
    } finally {
      await closeService(gw.app, gw.runtime);
      await nats.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
