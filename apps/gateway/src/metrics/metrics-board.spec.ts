import { MetricsReportEvent, envelope } from '@polytrader/contracts';
import { MetricsBoard } from './metrics-board';

const report = (service: string, intervalMs = 1000, value = 1): MetricsReportEvent => ({
  ...envelope(service), service, intervalMs, families: [{ name: 'polytrader_x_total', help: 'x', type: 'counter', values: [{ labels: {}, value }] }],
});

describe('MetricsBoard', () => {
  it('should keep the newest report per service and drop one silent for three intervals', () => {
    const board = new MetricsBoard();
    board.record(report('risk', 1000, 1), 0);
    board.record(report('risk', 1000, 5), 500);
    board.record(report('signals', 1000), 2000);
    expect(board.sources(3400).map((s) => [s.service, s.families[0].values[0].value])).toEqual([['risk', 5], ['signals', 1]]);
    expect(board.sources(3600).map((s) => s.service)).toEqual(['signals']);
    // dropped, not hidden: a late scrape does not bring it back
    expect(board.sources(3000).map((s) => s.service)).toEqual(['signals']);
  });

  it('should ignore unknown services and leave out the one asked (the gateway reads its own registry)', () => {
    const board = new MetricsBoard();
    board.record(report('intruder'), 0);
    board.record(report('gateway'), 0);
    board.record(report('hype'), 0);
    expect(board.sources(100, 'gateway').map((s) => s.service)).toEqual(['hype']);
  });
});
