import { CalendarEvent, CalendarMarket, entryBlocker, eventApplies, upcomingCalendar } from './calendar';

const H = 3_600_000;
const now = Date.parse('2026-11-30T12:00:00Z');
const market = (over: Partial<CalendarMarket> = {}): CalendarMarket => ({ id: 'm1', endDateMs: now + 100 * H, category: 'Politics', tags: ['Politics', 'US'], ...over });
const event = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({ name: 'FOMC', atMs: now + 10 * H, marketIds: [], tags: [], ...over });

describe('market calendar', () => {
  describe('eventApplies()', () => {
    it('should apply an event without ids or tags to every market', () => {
      expect(eventApplies(event(), market())).toBe(true);
    });
    it('should match by market id or by tag/category, case-insensitive', () => {
      expect(eventApplies(event({ marketIds: ['m1'] }), market())).toBe(true);
      expect(eventApplies(event({ marketIds: ['m2'] }), market())).toBe(false);
      expect(eventApplies(event({ tags: ['us'] }), market())).toBe(true);
      expect(eventApplies(event({ tags: ['POLITICS'] }), market({ tags: [] }))).toBe(true);
      expect(eventApplies(event({ tags: ['crypto'] }), market())).toBe(false);
    });
  });

  describe('entryBlocker()', () => {
    const window = 24 * H;
    it('should block exactly from window before the end date on, also past it', () => {
      expect(entryBlocker(market({ endDateMs: now + 24 * H }), [], now, window)).toEqual({ kind: 'resolution', name: 'resolution', atMs: now + 24 * H });
      expect(entryBlocker(market({ endDateMs: now + 24 * H + 1 }), [], now, window)).toBeNull();
      expect(entryBlocker(market({ endDateMs: now - H }), [], now, window)?.kind).toBe('resolution');
      expect(entryBlocker(market({ endDateMs: null }), [], now, window)).toBeNull();
    });
    it('should block before an applicable event until it happens, naming the earliest blocker', () => {
      expect(entryBlocker(market(), [event({ atMs: now + 24 * H })], now, window)).toEqual({ kind: 'event', name: 'FOMC', atMs: now + 24 * H });
      expect(entryBlocker(market(), [event({ atMs: now + 24 * H + 1 })], now, window)).toBeNull();
      expect(entryBlocker(market(), [event({ atMs: now })], now, window)).toBeNull(); // it has happened
      expect(entryBlocker(market(), [event({ tags: ['crypto'] })], now, window)).toBeNull();
      const both = entryBlocker(market({ endDateMs: now + 20 * H }), [event({ atMs: now + 5 * H, name: 'debate' })], now, window);
      expect(both).toEqual({ kind: 'event', name: 'debate', atMs: now + 5 * H });
    });
  });

  describe('upcomingCalendar()', () => {
    it('should list resolutions and events within the horizon, sorted, with the no-entry flag', () => {
      const markets = [market(), market({ id: 'm2', endDateMs: now + 5 * H, tags: ['crypto'], category: 'Crypto' }), market({ id: 'm3', endDateMs: now + 900 * H })];
      const list = upcomingCalendar(markets, [event({ tags: ['crypto'] }), event({ name: 'past', atMs: now - H })], now, 7 * 24 * H, 24 * H);
      expect(list).toEqual([
        { atMs: now + 5 * H, kind: 'resolution', name: 'm2', marketIds: ['m2'], noEntry: true },
        { atMs: now + 10 * H, kind: 'event', name: 'FOMC', marketIds: ['m2'], noEntry: true },
        { atMs: now + 100 * H, kind: 'resolution', name: 'm1', marketIds: ['m1'], noEntry: false },
      ]);
    });
  });
});
