import { alignSeries, epochS } from './series';

describe('alignSeries', () => {
  it('should put both series on the union of their times with nulls where one has no point', () => {
    expect(alignSeries([[3, 0.5], [1, 0.4]], [[2, 10], [3, 12]])).toEqual([[1, 2, 3], [0.4, null, 0.5], [null, 10, 12]]);
  });

  it('should give three empty arrays for two empty series', () => {
    expect(alignSeries([], [])).toEqual([[], [], []]);
  });
});

describe('epochS', () => {
  it('should turn an ISO time into whole epoch seconds', () => {
    expect(epochS('2026-12-07T10:00:00.900Z')).toBe(Date.UTC(2026, 11, 7, 10) / 1000);
  });
});
