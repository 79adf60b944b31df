import type { MarketRecord } from '../records';
import { marketCalendarStatus } from './market-calendar';

const H = 3_600_000;
const NOW = Date.parse('2026-12-07T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const market = (over: Partial<MarketRecord> = {}): MarketRecord => ({
  id: 'm1', conditionId: '0x1', slug: 'm-1', question: 'Q?', category: 'Politics', tags: ['US'], endDate: iso(NOW + 10 * 24 * H),
  active: true, closed: false, outcomes: ['Yes', 'No'], tokenIds: ['y', 'n'], ...over,
} as MarketRecord);

describe('marketCalendarStatus()', () => {
  const events = [
    { name: 'Debate', atMs: NOW + 6 * H, marketIds: [], tags: ['us'] },
    { name: 'Elsewhere', atMs: NOW + 2 * H, marketIds: ['m9'], tags: [] },
  ];

  it('should block entries inside the window before an event that concerns the market, and list what comes', () => {
    expect(marketCalendarStatus(market(), { events, noEntryWindowH: 24 }, NOW)).toEqual({
      noEntry: true, blocker: { kind: 'event', name: 'Debate', at: iso(NOW + 6 * H) }, noEntryWindowH: 24,
      upcoming: [
        { at: iso(NOW + 6 * H), kind: 'event', name: 'Debate', noEntry: true },
        { at: iso(NOW + 10 * 24 * H), kind: 'resolution', name: 'resolution', noEntry: false },
      ],
    });
  });

  it('should take entries when nothing is near, and block one past its end date awaiting resolution', () => {
    expect(marketCalendarStatus(market({ tags: [], category: null }), { events, noEntryWindowH: 1 }, NOW)).toMatchObject({ noEntry: false, blocker: null });
    expect(marketCalendarStatus(market({ endDate: iso(NOW - H) }), { events: [], noEntryWindowH: 24 }, NOW))
      .toEqual({ noEntry: true, blocker: { kind: 'resolution', name: 'resolution', at: iso(NOW - H) }, noEntryWindowH: 24, upcoming: [] });
  });
});
