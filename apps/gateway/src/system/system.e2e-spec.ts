import { SERVICE_NAMES } from '@polytrader/contracts';
import { AlertStore, MarketStore, QualityIssueStore } from '@polytrader/persistence';
import { EventBus } from '@polytrader/platform';
import { cycleBatch } from '@polytrader/persistence/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { SseReader } from '../testing/sse-reader';
import { GatewayOnDatabase, gatewayOnDatabase } from '../testing/start-gateway';

const TOKEN = 'system-token';
const SECRETS = { TELEGRAM_BOT_TOKEN: '123456:tg-secret-value', X_BEARER_TOKEN: 'x-bearer-secret', POLYMARKET_PRIVATE_KEY: '0xprivate-key-secret' };

describe('system endpoints (real NATS, SQLite, log files)', () => {
  let fx: GatewayOnDatabase;
  let logDir: string;

  beforeAll(async () => {
    logDir = mkdtempSync(join(tmpdir(), 'polytrader-logs-'));
    const line = (time: string, level: string, component: string, msg: string) => JSON.stringify({ time, level, component, msg });
    writeFileSync(join(logDir, 'risk.1.log'), [
      line('2026-12-07T09:00:00.000Z', 'info', 'risk', 'risk started'),
      line('2026-12-07T09:00:05.000Z', 'warn', 'risk', 'limit approaching'),
      'not json at all',
    ].join('\n'));
    writeFileSync(join(logDir, 'collector.1.log'), line('2026-12-07T09:00:01.000Z', 'error', 'collector', 'gamma 503'));
    fx = await gatewayOnDatabase(TOKEN, async (db) => {
      const batch = cycleBatch({ markets: 2 });
      await new MarketStore(db.ds).saveCycle(batch);
      await new QualityIssueStore(db.ds).save([{ marketId: 'm1', cycleId: batch.cycleId, kind: 'price_jump', severity: 'warning', detail: 'yes moved 0.3', ts: batch.ts }]);
      const alerts = new AlertStore(db.ds);
      await alerts.complete({ alertId: 'a1', kind: 'trade', chatId: '1', status: 'sent', attempts: 1, error: null, ts: '2026-12-07T09:00:00.000Z' });
      await alerts.complete({ alertId: 'a2', kind: 'health', chatId: '1', status: 'failed', attempts: 5, error: '403 Forbidden', ts: '2026-12-07T09:01:00.000Z' });
    }, { env: SECRETS, config: { logging: { dir: logDir } } });
  });
  afterAll(async () => {
    await fx.close();
    rmSync(logDir, { recursive: true, force: true });
  });

  const get = (path: string) => fx.get(path);

  it('should need the token on every system endpoint', async () => {
    for (const path of ['/api/services', '/api/alerts', '/api/quality-issues', '/api/analysis', '/api/logs']) {
      await request(fx.gw.app.getHttpServer()).get(path).expect(401);
    }
  });

  it('should list every service and the kill state', async () => {
    const res = await get('/api/services').expect(200);
    expect(Object.keys(res.body.services)).toEqual([...SERVICE_NAMES]);
    expect(res.body).toMatchObject({ state: 'running', kill: null });
  });

  it('should show alert deliveries newest first with their errors, quality issues and the (empty) analysis', async () => {
    expect((await get('/api/alerts').expect(200)).body).toMatchObject([
      { alertId: 'a2', status: 'failed', attempts: 5, error: '403 Forbidden' }, { alertId: 'a1', status: 'sent' },
    ]);
    expect((await get('/api/alerts?limit=1').expect(200)).body).toHaveLength(1);
    expect((await get('/api/quality-issues?marketId=m1').expect(200)).body).toMatchObject([{ marketId: 'm1', kind: 'price_jump', severity: 'warning' }]);
    expect((await get('/api/quality-issues?marketId=m0').expect(200)).body).toEqual([]);
    expect((await get('/api/analysis').expect(200)).body).toEqual({ ts: null, markets: [] });
  });

  it('should filter logs by component, level and time, skipping lines that are not JSON', async () => {
    expect((await get('/api/logs').expect(200)).body.map((l: { msg: string }) => l.msg).sort()).toEqual(['gamma 503', 'limit approaching', 'risk started']);
    expect((await get('/api/logs?component=risk&level=warn').expect(200)).body.map((l: { msg: string }) => l.msg)).toEqual(['limit approaching']);
    expect((await get('/api/logs?since=2026-12-07T09:00:02Z').expect(200)).body.map((l: { msg: string }) => l.msg)).toEqual(['limit approaching']);
    expect((await get('/api/logs?level=loud').expect(400)).body.errors[0]).toMatch(/^level: must be one of the following values: trace, debug, info, warn, error, fatal, got "loud"$/);
    expect((await get('/api/logs?component=../etc').expect(400)).body.errors).toEqual(['component: must be a service name (letters, digits, - and _), got "../etc"']);
  });

  it('should keep every secret out of every GET answer the OpenAPI document lists', async () => {
    const doc = (await get('/api/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const gets = Object.entries(doc.paths).filter(([, ops]) => 'get' in ops);
    // an event stream never ends: its first frames are read below over a real connection
    const isStream = (ops: Record<string, unknown>) => JSON.stringify(ops.get).includes('text/event-stream');
    // ids: market m1; dead letter 1 (its stream sequence), one that carries every secret
    const paths = gets.filter(([, ops]) => !isStream(ops)).map(([path]) => path.replace('{id}', path.startsWith('/api/dead-letters') ? '1' : 'm1'));
    await fx.gw.app.get(EventBus).deadLetter('signal.generated', new TextEncoder().encode(JSON.stringify(SECRETS)), `bad: ${TOKEN}`, 'spec');
    expect(paths.length).toBeGreaterThanOrEqual(14);
    expect(gets.filter(([, ops]) => isStream(ops)).map(([path]) => path)).toEqual(['/api/stream']);
    await fx.gw.app.listen(0, '127.0.0.1');
    const port = (fx.gw.app.getHttpServer().address() as AddressInfo).port;
    const stream = await SseReader.open(`http://127.0.0.1:${port}/api/stream`, { Authorization: `Bearer ${TOKEN}` });
    await stream.until((r) => r.named('services').length > 0 && r.named('trading-state').length > 0);
    stream.close();
    for (const secret of [TOKEN, ...Object.values(SECRETS)]) expect(['/api/stream', stream.raw.includes(secret)]).toEqual(['/api/stream', false]);
    for (const path of paths) {
      const res = await get(path);
      // /status answers 503 here: no service heartbeats in this test
      expect([path, res.status]).toEqual([path, path === '/status' ? 503 : 200]);
      for (const secret of [TOKEN, ...Object.values(SECRETS)]) expect([path, res.text.includes(secret)]).toEqual([path, false]);
    }
  });
});
