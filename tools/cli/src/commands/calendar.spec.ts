import { validateConfigText } from '@polytrader/platform';
import { MarketStore } from '@polytrader/persistence';
import { createTestDatabase, cycleBatch, type TestDatabase } from '@polytrader/persistence/testing';
import { calendar } from './calendar';

const now = Date.parse('2025-12-30T12:00:00.000Z'); // the factory's markets end 2026-01-01T00:00Z: 36 h away

describe('polytrader calendar', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const batch = cycleBatch({ markets: 3 });
    batch.markets[2] = { ...batch.markets[2], endDate: '2026-03-01T00:00:00.000Z' };
    batch.markets[1] = { ...batch.markets[1], endDate: '2025-12-31T00:00:00.000Z' };
    await new MarketStore(db.ds).saveCycle(batch);
  });
  afterAll(() => db?.drop());

  const configFor = (yaml: string) => validateConfigText(`storage:\n  url: ${db.url}\n${yaml}`, 'test.yaml').config;

  it('should list resolutions and config events in time order, marking the no-entry window (JSON)', async () => {
    const config = configFor('calendar:\n  events:\n    - {name: FOMC, date: "2025-12-31T19:00:00Z", tags: [us]}\n    - {name: later, date: "2026-02-01"}\n');
    let out = '';
    expect(await calendar({ json: true, days: 3 }, { config, nowMs: now, write: (s) => void (out += s) })).toBe(0);
    const body = JSON.parse(out);
    expect(body.noEntryWindowH).toBe(24);
    expect(body.entries.map((e: { kind: string; marketIds: string[]; noEntry: boolean; inHours: number }) => [e.kind, e.marketIds, e.noEntry, e.inHours])).toEqual([
      ['resolution', ['m1'], true, 12],
      ['event', ['m1'], false, 31],
      ['resolution', ['m0'], false, 36],
    ]);
    expect(body.entries[0].what).toBe('Will thing 1 happen?');
  });

  it('should print a table with a summary line', async () => {
    let out = '';
    await calendar({ json: false }, { config: configFor(''), nowMs: now, write: (s) => void (out += s) });
    expect(out).toMatch(/2025-12-31 00:00 .*12\.0 h .*resolution .*Will thing 1 happen\? .*m1 .*yes/);
    expect(out).toMatch(/2 upcoming in 7 day\(s\); 1 inside the 24 h no-entry window/);
  });

  it("should keep to one market with --market, with its entry status, and refuse an unknown one", async () => {
    const config = configFor('calendar:\n  events:\n    - {name: FOMC, date: "2025-12-31T19:00:00Z", tags: [us]}\n');
    let out = '';
    await calendar({ json: false, market: 'm0' }, { config, nowMs: now, write: (s) => void (out += s) });
    expect(out).toMatch(/2026-01-01 00:00 .*36\.0 h .*resolution .*Will thing 0 happen\? .*m0 /);
    expect(out).not.toContain('m1');
    expect(out).toMatch(/1 upcoming in 7 day\(s\); 0 inside the 24 h no-entry window\nm0 takes new entries now\n$/);
    out = '';
    await calendar({ json: true, market: 'm1' }, { config, nowMs: now, write: (s) => void (out += s) });
    expect(JSON.parse(out).market).toEqual({ id: 'm1', noEntry: true, blocker: { kind: 'resolution', name: 'resolution', at: '2025-12-31T00:00:00.000Z' } });
    await expect(calendar({ json: true, market: 'nope' }, { config, nowMs: now, write: () => undefined })).rejects.toThrow('no open market with id "nope" in the database');
  });

  it('should refuse a calendar event with a bad date, naming the field and value', () => {
    expect(() => configFor('calendar:\n  events:\n    - {name: x, date: "next tuesday"}\n')).toThrow(/calendar\.events\.0\.date: must be an ISO-8601 date.*next tuesday/s);
  });
});
