import { X_QUERY_MAX, deriveQuery, marketQueries, searchQuery } from './market-queries';
import { contentWords, queryWords, withoutDeadline } from './text-terms';

const market = (question: string, over: Partial<{ id: string; slug: string; tags: string[] }> = {}) => ({
  id: '600001', slug: 'will-bitcoin-hit-a-new-all-time-high-by-june-30', question, tags: [] as string[], ...over,
});

describe('deriveQuery()', () => {
  it('should AND the content words of the question and OR the market link', () => {
    expect(deriveQuery(market('Will Bitcoin hit a new all-time high by June 30?')))
      .toBe('(bitcoin hit new "all-time" high june 30) OR url:"will-bitcoin-hit-a-new-all-time-high-by-june-30"');
  });

  it('should quote multi-word tags found in the question and read "$50M" as 50m but keep cashtags', () => {
    const q = deriveQuery(market('Will Gavin Newsom raise $50M in a quarter by May 3?', { slug: 'newsom-50m', tags: ['Politics', 'Gavin Newsom'] }));
    expect(q).toBe('("gavin newsom" raise 50m quarter may 3) OR url:"newsom-50m"');
    expect(deriveQuery(market('Will $BTC close above 100k?', { slug: '' }))).toBe('$btc close above 100k');
  });

  it('should fall back to the slug words, and give up without any word', () => {
    expect(deriveQuery(market('?', { slug: 'fed-cuts-rates' }))).toBe('(fed cuts rates) OR url:"fed-cuts-rates"');
    expect(deriveQuery(market('Will it be?', { slug: '' }))).toBeNull();
  });

  it('should stay within 512 characters, dropping the link first, then trailing words', () => {
    const long = `Will ${Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ')} happen?`;
    const q = deriveQuery(market(long, { slug: 'x'.repeat(100) }))!;
    expect(q.length).toBeLessThanOrEqual(X_QUERY_MAX);
    expect(q).not.toContain('url:');
    expect(q.startsWith('word0 word1')).toBe(true);
  });
});

describe('marketQueries()', () => {
  const m = market('Will Bitcoin hit a new all-time high by June 30?');

  it('should use hype.queries by id, then by slug, else the derived query', () => {
    expect(marketQueries(m, { '600001': ['bitcoin ath'] })).toEqual(['bitcoin ath']);
    expect(marketQueries(m, { [m.slug]: ['#bitcoin'] })).toEqual(['#bitcoin']);
    expect(marketQueries(m, { other: ['x'] })).toEqual([deriveQuery(m)]);
  });

  it('should join several configured queries with OR while they fit, and drop any over 512 characters', () => {
    expect(marketQueries(m, { '600001': ['bitcoin ath', 'btc OR xbt', 'y'.repeat(600)] })).toEqual(['bitcoin ath OR (btc OR xbt)']);
    const many = Array.from({ length: 40 }, (_, i) => `"phrase number ${i}"`);
    const out = marketQueries(m, { '600001': many });
    expect(out.length).toBeGreaterThan(1);
    expect(out.every((q) => q.length <= X_QUERY_MAX)).toBe(true);
    expect(out.join(' OR ').match(/phrase number/g)).toHaveLength(40);
  });
});

describe('searchQuery()', () => {
  it('should ask for English posts without retweets unless the query says otherwise', () => {
    expect(searchQuery('(a b) OR url:"s"')).toBe('((a b) OR url:"s") lang:en -is:retweet');
    expect(searchQuery('bitcoin lang:de')).toBe('bitcoin lang:de -is:retweet');
    expect(searchQuery('bitcoin is:retweet')).toBe('bitcoin is:retweet lang:en');
    const full = 'z'.repeat(X_QUERY_MAX - 3);
    expect(searchQuery(full)).toBe(full);
  });
});

describe('text terms', () => {
  it('should strip deadlines of the usual shapes', () => {
    expect(withoutDeadline('Will Bitcoin hit a new all-time high by June 30?')).toBe('Will Bitcoin hit a new all-time high');
    expect(withoutDeadline('Xi Jinping out before 2027?')).toBe('Xi Jinping out');
    expect(withoutDeadline('Fed rate cut by December 31, 2025?')).toBe('Fed rate cut');
    expect(withoutDeadline('Will GPT-5 ship by the end of 2025?')).toBe('Will GPT-5 ship');
    expect(withoutDeadline('US recession in Q3 2025?')).toBe('US recession');
    expect(withoutDeadline('Will the Lakers win?')).toBe('Will the Lakers win');
  });

  it('should split words for matching and keep query words whole', () => {
    expect(contentWords('Will the Lakers win an all-time record?')).toEqual(['lakers', 'win', 'all', 'time', 'record']);
    expect(queryWords('"Bitcoin" (all-time) #ETH @vitalik, $50M $SOL 3.5%!')).toEqual(['bitcoin', 'all-time', 'eth', 'vitalik', '50m', '$sol', '3.5%']);
  });
});
