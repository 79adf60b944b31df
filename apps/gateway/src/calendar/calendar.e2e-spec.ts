import { MarketStore } from '@polytrader/persistence';
import { cycleBatch } from '@polytrader/persistence/testing';
import request from 'supertest';
import { GatewayOnDatabase, gatewayOnDatabase } from '../testing/start-gateway';

const TOKEN = 'calendar-token';
const H = 3_600_000;
const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
// whole seconds: config dates are ISO-8601 as an owner writes them
const FED = iso(Math.floor((NOW + 5 * 24 * H) / 1000) * 1000);
const SOON = iso(Math.floor((NOW + 12 * H) / 1000) * 1000);

describe('calendar (market end dates from the database, events from config)', () => {
  let fx: GatewayOnDatabase;

  beforeAll(async () => {
    fx = await gatewayOnDatabase(TOKEN, async (db) => {
      const batch = cycleBatch({ markets: 4 });
      // m0 resolves in 2 h (inside the 24 h no-entry window), m1 (Politics) in 3 days, m2 is closed, m3 in 30 days
      const ends = [NOW + 2 * H, NOW + 72 * H, NOW + 10 * H, NOW + 30 * 24 * H];
      batch.markets = batch.markets.map((m, i) => ({ ...m, endDate: iso(ends[i]), ...(i === 2 ? { active: false, closed: true } : {}) }));
      await new MarketStore(db.ds).saveCycle(batch);
    }, {
      config: {
        signals: { no_entry_before_resolution_h: 24 },
        calendar: { events: [{ name: 'Fed meeting', date: FED, tags: ['politics'] }, { name: 'Debate', date: SOON, market_ids: ['m3'] }] },
      },
    });
  });
  afterAll(() => fx.close());

  it('should need the token', async () => {
    await request(fx.gw.app.getHttpServer()).get('/api/calendar').expect(401);
  });

  it('should list the next 7 days of resolutions and events, oldest first, marking the no-entry window', async () => {
    const c = (await fx.get('/api/calendar').expect(200)).body;
    expect(c.noEntryWindowH).toBe(24);
    expect(c.entries.map((e: { kind: string; what: string; marketIds: string[]; noEntry: boolean }) => [e.kind, e.what, e.marketIds, e.noEntry])).toEqual([
      ['resolution', 'Will thing 0 happen?', ['m0'], true],
      ['event', 'Debate', ['m3'], true],
      ['resolution', 'Will thing 1 happen?', ['m1'], false],
      ['event', 'Fed meeting', ['m1', 'm3'], false],
    ]);
    expect(c.entries[3].at).toBe(FED);
  });

  it('should take a from/to range and one market with its entry status now', async () => {
    const far = (await fx.get(`/api/calendar?from=${iso(NOW + 20 * 24 * H)}&to=${iso(NOW + 40 * 24 * H)}`).expect(200)).body;
    expect(far.entries.map((e: { what: string }) => e.what)).toEqual(['Will thing 3 happen?']);
    const m3 = (await fx.get('/api/calendar?marketId=m3&to=' + iso(NOW + 60 * 24 * H)).expect(200)).body;
    expect(m3.entries.map((e: { what: string }) => e.what)).toEqual(['Debate', 'Fed meeting', 'Will thing 3 happen?']);
    expect(m3.market).toEqual({ id: 'm3', noEntry: true, blocker: { kind: 'event', name: 'Debate', at: SOON } });
    expect((await fx.get('/api/calendar?marketId=m1').expect(200)).body.market).toEqual({ id: 'm1', noEntry: false, blocker: null });
  });

  it('should answer 404 for an unknown market and 400 naming a bad parameter', async () => {
    expect((await fx.get('/api/calendar?marketId=nope').expect(404)).body.message).toBe('no market with id "nope"');
    expect((await fx.get('/api/calendar?from=tomorrow').expect(400)).body.errors).toEqual(['from: must be a valid ISO 8601 date string, got "tomorrow"']);
    expect((await fx.get('/api/calendar?from=2026-12-10T00:00:00Z&to=2026-12-01T00:00:00Z').expect(400)).body.errors)
      .toEqual(['to: must be after from (2026-12-10T00:00:00.000Z), got "2026-12-01T00:00:00Z"']);
    expect((await fx.get('/api/calendar?from=2026-01-01T00:00:00Z&to=2028-01-01T00:00:00Z').expect(400)).body.errors)
      .toEqual(['to: at most 366 days after from, got "2028-01-01T00:00:00Z"']);
  });
});
