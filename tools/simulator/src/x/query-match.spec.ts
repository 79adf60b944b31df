import { SimClock } from '../clock';
import { FIXED_NOW } from '../testing/kit';
import { World } from '../world';
import { QueryMatcher, queryForMarket, queryTerms } from './query-match';

describe('query matching', () => {
  const world = new World({ seed: 42, markets: 300, historyPoints: 50, ledFraction: 0.3 }, new SimClock(() => FIXED_NOW));
  const matcher = new QueryMatcher(world);

  describe('queryTerms()', () => {
    it('should drop operators, quotes and parentheses and strip #, $ and @', () => {
      expect(queryTerms('("Bitcoin" OR #ETH) -is:retweet lang:en @Solana, $xrp')).toEqual(['bitcoin', 'eth', 'solana', 'xrp']);
    });
  });

  describe('QueryMatcher.match()', () => {
    it('should match exactly one market for queryForMarket(market)', () => {
      for (const m of world.markets) expect(matcher.match(queryForMarket(m))).toEqual([m]);
    });

    it('should match every market of a subject for the subject keyword', () => {
      const m = world.markets[0];
      const found = matcher.match(m.subject.kw);
      expect(found).toContain(m);
      expect(found.every((x) => x.keywords[0] === m.subject.kw)).toBe(true);
    });

    it('should match the three markets of an event for subject + predicate, and one with the date', () => {
      const m = world.markets[0];
      expect(matcher.match(m.keywords[1]).map((x) => x.eventIndex)).toEqual([0, 0, 0]);
      expect(matcher.match(`"${m.keywords[2]}" lang:en -is:retweet`)).toEqual([m]);
    });

    it('should need every word of a keyword, and match either side of an OR', () => {
      const m = world.markets[0];
      const other = world.markets.find((x) => x.subject.kw !== m.subject.kw && !x.subject.kw.includes(' ')) as (typeof world.markets)[number];
      expect(matcher.match('completely unrelated words')).toEqual([]);
      const both = matcher.match(`${m.slug} OR ${other.slug}`);
      expect(both.map((x) => x.index).sort((a, b) => a - b)).toEqual([m.index, other.index].sort((a, b) => a - b));
    });
  });
});
