import { runQualityChecks } from './quality-checks';
import { QualityInput, SnapshotPoint } from './quality.types';

const settings = { outcomeSumTolerance: 0.02, staleAfterCycles: 3, spikeZ: 6, intervalMinutes: 15 };
const at = (k: number) => new Date(Date.UTC(2026, 10, 26, 0, 15 * k)).toISOString();
const snap = (marketId: string, k: number, yes: number, no = 1 - yes): SnapshotPoint => ({ marketId, cycleId: at(k), ts: at(k), outcomePrices: [yes, no] });

function input(over: Partial<QualityInput> = {}): QualityInput {
  return { cycleId: at(10), latest: [snap('m', 10, 0.5)], previous: new Map(), books: [], markets: [], settings, ...over };
}
const kinds = (i: QualityInput) => runQualityChecks(i).map((x) => `${x.marketId}:${x.kind}:${x.severity}`);

describe('runQualityChecks()', () => {
  it('should find nothing in clean data', () => {
    const previous = new Map([['m', [8, 9].map((k) => snap('m', k, 0.45 + k / 1000))]]);
    expect(kinds(input({ previous, books: [{ marketId: 'm', tokenId: 't', bestBid: 0.49, bestAsk: 0.51 }], markets: [{ id: 'm', conditionId: 'c', tokenIds: ['t'] }] }))).toEqual([]);
  });

  it('should flag prices outside [0,1] as errors, naming them', () => {
    const issues = runQualityChecks(input({ latest: [snap('m', 10, 1.2, -0.2)] }));
    expect(issues[0]).toMatchObject({ kind: 'price_out_of_range', severity: 'error', detail: 'outcome prices outside [0,1]: #0=1.2, #1=-0.2' });
  });

  it('should flag outcome sums beyond the tolerance only', () => {
    expect(kinds(input({ latest: [snap('m', 10, 0.5, 0.53)] }))).toEqual(['m:outcome_sum:warning']);
    expect(kinds(input({ latest: [snap('m', 10, 0.5, 0.515)] }))).toEqual([]);
  });

  it('should flag crossed and empty books', () => {
    const books = [
      { marketId: 'm', tokenId: 'a', bestBid: 0.6, bestAsk: 0.5 },
      { marketId: 'm', tokenId: 'b', bestBid: null, bestAsk: null },
      { marketId: 'm', tokenId: 'c', bestBid: 0.5, bestAsk: 0.5 },
      { marketId: 'm', tokenId: 'd', bestBid: null, bestAsk: 0.5 },
    ];
    expect(kinds(input({ books }))).toEqual(['m:crossed_book:error', 'm:empty_book:warning']);
  });

  it('should flag a market whose prices did not change for N cycles, not N-1', () => {
    const flat = (n: number) => new Map([['m', Array.from({ length: n }, (_, i) => snap('m', 10 - n + i, 0.5))]]);
    expect(kinds(input({ previous: flat(3) }))).toEqual(['m:stale_market:info']);
    expect(kinds(input({ previous: flat(2) }))).toEqual([]);
  });

  it('should flag a gap longer than 1.5 intervals', () => {
    expect(kinds(input({ previous: new Map([['m', [snap('m', 8, 0.49)]]]) }))).toEqual(['m:history_gap:warning']);
    expect(kinds(input({ previous: new Map([['m', [snap('m', 9, 0.49)]]]) }))).toEqual([]);
  });

  it('should flag a spike against the market\'s own moves', () => {
    // a random-looking walk with moves of a few tenths of a cent
    const prices = Array.from({ length: 12 }, (_, i) => 0.5 + 0.003 * Math.sin(i * 2.3) + 0.002 * Math.cos(i * 5.1));
    const wiggle = prices.map((p, i) => snap('m', i - 2, p));
    const quiet = input({ latest: [snap('m', 10, prices[11] + 0.002)], previous: new Map([['m', wiggle]]) });
    expect(kinds(quiet)).not.toContain('m:spike:warning');
    const jump = input({ latest: [snap('m', 10, 0.8)], previous: new Map([['m', wiggle]]) });
    expect(kinds(jump)).toContain('m:spike:warning');
  });

  it('should flag duplicate markets by condition id and by token', () => {
    const markets = [
      { id: 'a', conditionId: 'c1', tokenIds: ['t1', 't2'] },
      { id: 'b', conditionId: 'c1', tokenIds: ['t3', 't4'] },
      { id: 'c', conditionId: 'c2', tokenIds: ['t1', 't5'] },
    ];
    expect(runQualityChecks(input({ latest: [], markets })).map((x) => x.detail)).toEqual(['same condition c1 as market a', 'token t1 also in market a']);
  });
});
