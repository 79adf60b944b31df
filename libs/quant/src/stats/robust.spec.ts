import { mad, median, robustZ } from './robust';

describe('robust statistics', () => {
  it('should match R for median and mad(constant = 1)', () => {
    // R: median(c(1,2,3,4,100)) = 3; mad(c(1,2,3,4,100), constant = 1) = 1
    expect(median([1, 2, 3, 4, 100])).toBe(3);
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('should give the modified z-score', () => {
    expect(robustZ(100, [1, 2, 3, 4, 100])).toBeCloseTo(0.6745 * 97, 10);
    expect(robustZ(3, [1, 2, 3, 4, 100])).toBe(0);
  });

  it('should handle a sample without spread and an empty sample', () => {
    expect(robustZ(5, [2, 2, 2])).toBe(Infinity);
    expect(robustZ(-5, [2, 2, 2])).toBe(-Infinity);
    expect(robustZ(2, [2, 2, 2])).toBe(0);
    expect(robustZ(1, [])).toBeNaN();
  });
});
