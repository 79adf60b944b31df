import { meanCompound, scoreSentiment, sentimentLabel } from './sentiment';

/**
 * The published example output of VADER's README (cjhutto/vaderSentiment, "Output for the above
 * example code"): text → { neg, neu, pos, compound }.
 */
const PUBLISHED: readonly [string, number, number, number, number][] = [
  ['VADER is smart, handsome, and funny.', 0.0, 0.254, 0.746, 0.8316],
  ['VADER is smart, handsome, and funny!', 0.0, 0.248, 0.752, 0.8439],
  ['VADER is very smart, handsome, and funny.', 0.0, 0.299, 0.701, 0.8545],
  ['VADER is VERY SMART, handsome, and FUNNY.', 0.0, 0.246, 0.754, 0.9227],
  ['VADER is VERY SMART, handsome, and FUNNY!!!', 0.0, 0.233, 0.767, 0.9342],
  ['VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!', 0.0, 0.294, 0.706, 0.9469],
  ['VADER is not smart, handsome, nor funny.', 0.646, 0.354, 0.0, -0.7424],
  ['The book was good.', 0.0, 0.508, 0.492, 0.4404],
  ["At least it isn't a horrible book.", 0.0, 0.637, 0.363, 0.431],
  ['The book was only kind of good.', 0.0, 0.697, 0.303, 0.3832],
  ['The plot was good, but the characters are uncompelling and the dialog is not great.', 0.327, 0.579, 0.094, -0.7042],
  ['Today SUX!', 0.779, 0.221, 0.0, -0.5461],
  ['Make sure you :) or :D today!', 0.0, 0.294, 0.706, 0.8633],
];

describe('scoreSentiment()', () => {
  it.each(PUBLISHED)('should reproduce the published VADER scores of %j', (text, neg, neu, pos, compound) => {
    const s = scoreSentiment(text);
    expect(Math.abs(s.compound - compound)).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(s.neg - neg)).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(s.neu - neu)).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(s.pos - pos)).toBeLessThanOrEqual(1e-4);
  });

  /**
   * Three README lines come from VADER releases newer than the JavaScript port (3.3: emoji lexicon,
   * the "at all" negation fix, a revised lexicon). Pinned here so that a change of the dependency shows.
   * The first value is what vader-sentiment 1.1.3 computes; VADER 3.3 publishes the second.
   */
  it.each([
    ["Today only kinda sux! But I'll get by, lol", 0.2228, 0.5249],
    ['Catch utf-8 emoji such as 💘 and 💋 and 😁', 0, 0.7003],
    ['Not bad at all', -0.5423, 0.431],
  ])('should score %j as the JavaScript port does (%d; VADER 3.3: %d)', (text, port) => {
    expect(scoreSentiment(text).compound).toBeCloseTo(port, 4);
  });

  it('should score texts without words as all zeros', () => {
    for (const t of ['', '   ', '\n\t', undefined as unknown as string]) expect(scoreSentiment(t)).toEqual({ neg: 0, neu: 0, pos: 0, compound: 0 });
  });

  it('should keep every score in range for odd input', () => {
    for (const t of ['!!!!!!!!', '😁😁😁', 'NOT NOT NOT bad', 'a'.repeat(5000), 'great '.repeat(300), '<p>&amp;</p>']) {
      const s = scoreSentiment(t);
      expect(s.compound).toBeGreaterThanOrEqual(-1);
      expect(s.compound).toBeLessThanOrEqual(1);
      for (const v of [s.neg, s.neu, s.pos]) expect(v >= 0 && v <= 1).toBe(true);
    }
  });
});

describe('meanCompound()', () => {
  it('should average the compounds and be 0 for no texts', () => {
    expect(meanCompound([])).toBe(0);
    expect(meanCompound(['VADER is smart, handsome, and funny.', 'VADER is not smart, handsome, nor funny.'])).toBeCloseTo((0.8316 - 0.7424) / 2, 10);
  });
});

describe('sentimentLabel()', () => {
  it("should use VADER's ±0.05 thresholds", () => {
    expect([0.05, 0.049, 0, -0.049, -0.05].map(sentimentLabel)).toEqual(['positive', 'neutral', 'neutral', 'neutral', 'negative']);
  });
});
