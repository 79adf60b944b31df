import type { MarketDetail } from '@polytrader/persistence';
import type { SystemStatus } from '@polytrader/platform';
import { marketView, marketsView, servicesView, tradingStateView } from './views';

const market = { id: 'm1', conditionId: 'c', slug: 'will-it', question: 'Will it?', category: null, tags: [], endDate: null, active: true, closed: false, outcomes: ['Yes', 'No'], tokenIds: ['y', 'n'] };

describe('views', () => {
  it('should say when no market matches, and print the next cursor under a page', () => {
    expect(marketsView({ items: [], next: null })).toBe('no markets match\n');
    const page = marketsView({ items: [{ ...market, volume24h: 1234.4, liquidity: null, hypeScore: 2.345, lastSnapshotAt: null }], next: 'abc' });
    expect(page).toMatch(/│ m1 +│ Will it\? +│ +│ 2\.35 +│ 1234 +│/);
    expect(page.endsWith('1 market(s); next page: --cursor abc\n')).toBe(true);
  });

  it('should say what a market without data yet is waiting for', () => {
    const d: MarketDetail = { market, range: { from: '2026-11-30T00:00:00.000Z', to: '2026-12-07T00:00:00.000Z' }, latestSnapshot: null, books: [], prices: [], hype: [], news: [], analysis: null, microstructure: [], qualityIssues: [] };
    expect(marketView(d)).toBe('Will it?\nid m1  slug will-it  category -  active  ends -\nno snapshot yet\nno hype scores from 2026-11-30 00:00\nno analysis yet\nno quality issues\n');
  });

  it('should show heartbeat age, open breakers only, and the kill', () => {
    const s: SystemStatus = {
      state: 'halted', kill: { reason: 'drawdown', source: 'risk', ts: '2026-12-07T10:00:00.000Z' },
      services: {
        collector: { status: 'halted', lastHeartbeat: '2026-12-07T10:59:58.500Z', version: '0.1.0', uptimeS: 61.6, lastCycle: { name: 'collect', at: '2026-12-07T10:59:00.000Z' }, pid: 7, rssBytes: 123_400_000, breakers: { gamma: 'closed', clob: 'open' } },
      } as unknown as SystemStatus['services'],
    };
    const text = servicesView(s, Date.parse('2026-12-07T11:00:00.000Z'));
    expect(text).toMatch(/│ collector +│ halted +│ 1\.5s ago +│ 62s +│ 0\.1\.0 +│ 7 +│ 123\.4 +│ collect 2026-12-07 10:59 +│ clob open +│/);
    expect(text.endsWith('HALTED by risk at 2026-12-07T10:00:00.000Z: drawdown\nResume with: polytrader reset\n')).toBe(true);
  });

  it('should print the trading state, or that risk has not answered', () => {
    expect(tradingStateView({ trading: { tradingState: 'REDUCING', why: 'manual' } })).toBe('trading REDUCING: manual\n');
    expect(tradingStateView({ trading: null })).toBe('trading state: not known yet (risk has not answered)\n');
  });
});
