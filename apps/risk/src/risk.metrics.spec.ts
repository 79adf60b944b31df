import { reasonCode } from './risk.metrics';

describe('reasonCode()', () => {
  it('should name a rejection by its first check, past the trading-state line', () => {
    expect(reasonCode(['trading state ACTIVE', 'max_positions: 5 open positions, limit 5', 'liquidity: 10 < 100'])).toBe('max_positions');
    expect(reasonCode(['trading state HALTED: manual', 'halted: manual'])).toBe('halted');
    expect(reasonCode(['trading state ACTIVE', 'checks failed: boom'])).toBe('checks');
    expect(reasonCode(['trading state ACTIVE', 'Something Else'])).toBe('other');
  });
});
