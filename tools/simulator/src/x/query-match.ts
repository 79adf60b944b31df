import { SimMarket, World } from '../world';

/**
 * Which markets an X query is about. The rule:
 *  1. the query is lower-cased; quotes and parentheses are dropped; it is split on whitespace;
 *  2. operators are ignored: `OR`, `AND`, terms starting with `-` (negations) and terms holding
 *     `:` (`lang:en`, `is:retweet`, …); leading `#`, `$`, `@` and surrounding punctuation are stripped;
 *  3. a market matches when one term equals its slug, or when every word of one of its keywords
 *     is a term. Keywords (lower case): the subject ("bitcoin"), subject + predicate
 *     ("bitcoin all-time high", shared by the markets of one event) and subject + predicate +
 *     date ("bitcoin all-time high june 30", unique to one market);
 *  4. the most specific keyword wins: a keyword match does not count when the query also holds a
 *     longer keyword containing all its words ("bitcoin all-time high" is about that event, not
 *     about every Bitcoin market).
 * So `queryForMarket(m)` — the slug — matches exactly that market; "bitcoin" matches every
 * Bitcoin market; "bitcoin all-time high" the three markets of that event; "bitcoin OR
 * ethereum" both families (terms are pooled, so OR and AND read alike).
 */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().replace(/["“”()]/g, ' ').split(/\s+/)
    .filter((t) => t && t !== 'or' && t !== 'and' && !t.startsWith('-') && !t.includes(':'))
    .map((t) => t.replace(/^[#$@]+/, '').replace(/^[^a-z0-9]+|[^a-z0-9%]+$/g, ''))
    .filter(Boolean);
}

/** An X search query that matches exactly this market in the simulator: its slug. */
export function queryForMarket(market: { readonly slug: string }): string {
  return market.slug;
}

interface KeywordRef {
  readonly market: SimMarket;
  readonly words: readonly string[];
}

/** Index from slug and keyword word to markets, so a query costs O(terms · candidates), not O(N). */
export class QueryMatcher {
  private readonly bySlug = new Map<string, SimMarket>();
  private readonly byWord = new Map<string, KeywordRef[]>();
  private readonly cache = new Map<string, SimMarket[]>();

  constructor(world: World) {
    for (const m of world.markets) {
      this.bySlug.set(m.slug, m);
      for (const kw of m.keywords) {
        const words = kw.split(/\s+/);
        const first = words[0];
        const list = this.byWord.get(first) ?? [];
        list.push({ market: m, words });
        this.byWord.set(first, list);
      }
    }
  }

  /** Markets the query is about, in index order. */
  match(query: string): SimMarket[] {
    const cached = this.cache.get(query);
    if (cached) return cached;
    const terms = new Set(queryTerms(query));
    const found = new Map<number, SimMarket>();
    const hits: KeywordRef[] = [];
    for (const term of terms) {
      const bySlug = this.bySlug.get(term);
      if (bySlug) found.set(bySlug.index, bySlug);
      for (const ref of this.byWord.get(term) ?? []) if (ref.words.every((w) => terms.has(w))) hits.push(ref);
    }
    const keywords = new Map(hits.map((h) => [h.words.join(' '), h.words]));
    const narrower = (words: readonly string[]) =>
      [...keywords.values()].some((longer) => longer.length > words.length && words.every((w) => longer.includes(w)));
    for (const h of hits) if (!narrower(h.words)) found.set(h.market.index, h.market);
    const out = [...found.values()].sort((a, b) => a.index - b.index);
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(query, out);
    return out;
  }
}
