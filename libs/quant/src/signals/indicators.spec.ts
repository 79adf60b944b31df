import { latestRelativeVolume, pointAtOrBefore, rateOfChange, relativeVolumeRatio, windowChange } from './indicators';

const pts = (...pairs: [number, number][]) => pairs.map(([k, value]) => ({ k, value }));

describe('signal indicators', () => {
  describe('rateOfChange()', () => {
    it('should give the relative change', () => {
      expect(rateOfChange(0.5, 0.55)).toBeCloseTo(0.1, 12);
      expect(rateOfChange(0.4, 0.3)).toBeCloseTo(-0.25, 12);
    });
    it('should be null for a non-positive or non-finite base', () => {
      expect(rateOfChange(0, 0.3)).toBeNull();
      expect(rateOfChange(-1, 0.3)).toBeNull();
      expect(rateOfChange(NaN, 0.3)).toBeNull();
      expect(rateOfChange(0.3, Infinity)).toBeNull();
    });
  });

  describe('pointAtOrBefore()', () => {
    const series = pts([1, 10], [2, 20], [5, 50]);
    it('should take the newest point at or before k, within maxBack', () => {
      expect(pointAtOrBefore(series, 4, 2)).toEqual({ k: 2, value: 20 });
      expect(pointAtOrBefore(series, 5, 0)).toEqual({ k: 5, value: 50 });
      expect(pointAtOrBefore(series, 4, 1)).toBeNull(); // k=2 is 2 back
      expect(pointAtOrBefore(series, 0, 5)).toBeNull();
    });
  });

  describe('windowChange()', () => {
    it('should pair the newest point with the one window intervals back', () => {
      expect(windowChange(pts([1, 1], [2, 2], [3, 3], [4, 4], [5, 5]), 4)).toEqual({ k: 5, now: 5, then: 1, span: 4 });
    });
    it('should accept an older base when the exact one is missing, up to window further back', () => {
      expect(windowChange(pts([0, 7], [5, 5]), 4)).toEqual({ k: 5, now: 5, then: 7, span: 5 });
      expect(windowChange(pts([-4, 7], [5, 5]), 4)).toBeNull();
    });
    it('should be null for too short a series or a bad window', () => {
      expect(windowChange(pts([5, 5]), 4)).toBeNull();
      expect(windowChange([], 4)).toBeNull();
      expect(windowChange(pts([1, 1], [5, 5]), 0)).toBeNull();
    });
  });

  describe('relativeVolumeRatio()', () => {
    it('should be 1 for an unchanged rolling volume (the new interval replaced an average one)', () => {
      expect(relativeVolumeRatio(9600, 9600, 1, 96)).toBe(1);
    });
    it('should count the volume gained over the trailing mean', () => {
      // trailing mean 100 per interval; V24 rose by 100 → this interval ≈ 200 → RVR 2
      expect(relativeVolumeRatio(9600, 9700, 1, 96)).toBeCloseTo(2, 12);
      // the same gain spread over two intervals → 1.5 each
      expect(relativeVolumeRatio(9600, 9700, 2, 96)).toBeCloseTo(1.5, 12);
    });
    it('should clamp at 0 and be null without a positive previous reading', () => {
      expect(relativeVolumeRatio(9600, 0, 1, 96)).toBe(0);
      expect(relativeVolumeRatio(0, 10, 1, 96)).toBeNull();
      expect(relativeVolumeRatio(null, 10, 1, 96)).toBeNull();
      expect(relativeVolumeRatio(10, null, 1, 96)).toBeNull();
      expect(relativeVolumeRatio(10, 12, 0, 96)).toBeNull();
    });
  });

  describe('latestRelativeVolume()', () => {
    it('should use the newest two readings when close enough', () => {
      expect(latestRelativeVolume(pts([1, 5000], [2, 9600], [3, 9700]), 96, 4)).toBeCloseTo(2, 12);
      expect(latestRelativeVolume(pts([1, 9600], [9, 9700]), 96, 4)).toBeNull();
      expect(latestRelativeVolume(pts([1, 9600]), 96, 4)).toBeNull();
    });
  });
});
