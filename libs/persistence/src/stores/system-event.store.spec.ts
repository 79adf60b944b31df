import type { Engine } from '../engine';
import { createTestDatabase, type TestDatabase } from '../testing';
import { SystemEventStore } from './system-event.store';

describe.each<Engine>(['sqlite', 'postgres'])('SystemEventStore (%s)', (engine) => {
  let db: TestDatabase;
  let store: SystemEventStore;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    store = new SystemEventStore(db.ds);
  });
  afterEach(() => db?.drop());

  describe('record()', () => {
    it('should store an event once, however often it is delivered', async () => {
      const kill = { id: '17', kind: 'kill' as const, reason: 'daily loss limit', source: 'risk', ts: '2025-01-01T10:00:00.000Z' };
      expect(await store.record(kill)).toBe(true);
      expect(await store.record(kill)).toBe(false);
      expect(await store.record({ ...kill, reason: 'changed on redelivery' })).toBe(false);
      expect(await store.list()).toEqual([kill]);
    });
  });

  describe('list()', () => {
    it('should return the newest events first, at most limit', async () => {
      await store.record({ id: '1', kind: 'kill', reason: 'manual', source: 'cli', ts: '2025-01-01T10:00:00Z' });
      await store.record({ id: '2', kind: 'reset', reason: 'back on', source: 'gateway', ts: '2025-01-01T11:00:00Z' });
      await store.record({ id: '3', kind: 'kill', reason: '', source: 'unknown', ts: '2025-01-01T12:00:00Z' });
      expect((await store.list()).map((e) => e.id)).toEqual(['3', '2', '1']);
      expect(await store.list(2)).toEqual([
        { id: '3', kind: 'kill', reason: '', source: 'unknown', ts: '2025-01-01T12:00:00.000Z' },
        { id: '2', kind: 'reset', reason: 'back on', source: 'gateway', ts: '2025-01-01T11:00:00.000Z' },
      ]);
    });
  });
});
