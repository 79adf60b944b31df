import type { JournalEntry } from '@polytrader/persistence';
import { formatJournal, parseSince } from './journal';

const entries: JournalEntry[] = [
  {
    ts: '2026-11-30T10:00:00.000Z', kind: 'decision', signalId: 's1', marketId: 'm1',
    detail: { signalId: 's1', decision: 'approved', marketId: 'm1', tradingState: 'ACTIVE', reasons: ['trading state ACTIVE', 'approved: open BUY 20 shares'], size: 20, ts: '2026-11-30T10:00:00.000Z', signal: { side: 'BUY', price: 0.5, tokenId: 't1' } },
  },
  {
    ts: '2026-11-30T10:00:00.000Z', kind: 'order', signalId: 's1', marketId: 'm1',
    detail: {
      orderId: 's1', signalId: 's1', tradeId: 'T-s1', marketId: 'm1', tokenId: 't1', side: 'BUY', intent: 'open', trigger: 'signal', requestedNotional: 10, requestedSize: 20,
      filledSize: 20, avgPrice: 0.5, notional: 10, fees: 0.1, realizedPnl: -0.1, status: 'filled', fills: [[0.5, 20]], error: null, mode: 'paper', ts: '2026-11-30T10:00:00.000Z',
    },
  },
];

describe('polytrader journal', () => {
  it('should write CSV with a header and quote reasons that contain commas', () => {
    const withComma = [{ ...entries[0], detail: { ...(entries[0].detail as object), reasons: ['a, b'] } } as JournalEntry, entries[1]];
    expect(formatJournal(withComma, 'csv').split('\n')).toEqual([
      'ts,kind,signal_id,market_id,token_id,side,what,size,price,fees,realized_pnl,status,reasons',
      '2026-11-30T10:00:00.000Z,decision,s1,m1,t1,BUY,approved,20,0.5,,,ACTIVE,"a, b"',
      '2026-11-30T10:00:00.000Z,order,s1,m1,t1,BUY,open/signal,20,0.5,0.1,-0.1,filled,',
      '',
    ]);
  });

  it('should write JSON that parses back to the entries', () => {
    expect(JSON.parse(formatJournal(entries, 'json'))).toEqual(entries);
  });

  it('should print a table, or say the journal is empty', () => {
    expect(formatJournal([], 'table')).toBe('journal is empty\n');
    const lines = formatJournal(entries, 'table').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ts\s+kind\s+signal_id\s+market_id\s+side\s+what/);
  });

  it('should take a date or an ISO time for --since, and name a bad value', () => {
    expect(parseSince('2026-11-30')).toBe('2026-11-30T00:00:00.000Z');
    expect(parseSince('2026-11-30T10:30:00Z')).toBe('2026-11-30T10:30:00.000Z');
    expect(() => parseSince('yesterday')).toThrow('--since: expected a date such as 2026-11-30 or an ISO time, got "yesterday"');
  });
});
