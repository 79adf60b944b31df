import type { MarketRecord } from '@polytrader/persistence';
import { queryWords, questionBody } from './text-terms';

/** X API v2 recent search/counts: the longest query every access level accepts. */
export const X_QUERY_MAX = 512;

export type QueryMarket = Pick<MarketRecord, 'id' | 'slug' | 'question' | 'tags'>;

/**
 * The X search query of a market, derived from its question, tags and slug (docs/hype.md):
 *  1. the question's words, lower case, function words dropped ("Will Bitcoin hit $100k by June 30?"
 *     → bitcoin hit 100k june 30) — X reads spaces as AND, so posts must name all of them;
 *  2. a tag whose words appear in a row in the question becomes a quoted phrase ("gavin newsom"),
 *     and a word holding punctuation is quoted ("all-time"), as X wants;
 *  3. OR url:"<slug>": posts that link the market's Polymarket page count too.
 * Parts that would make the query longer than 512 characters are dropped (the url part first).
 * Returns null when the question has no usable word.
 */
export function deriveQuery(market: QueryMarket): string | null {
  let words = queryWords(questionBody(market.question));
  if (words.length === 0) words = queryWords(market.slug.replace(/-/g, ' '));
  if (words.length === 0) return null;
  const terms = groupTagPhrases(words, market.tags).map(quoteIfNeeded);
  const url = market.slug && /^[a-z0-9-]+$/i.test(market.slug) ? ` OR url:"${market.slug}"` : '';
  while (terms.length > 0) {
    const body = terms.join(' ');
    if (url && `(${body})${url}`.length <= X_QUERY_MAX) return `(${body})${url}`;
    if (body.length <= X_QUERY_MAX) return body;
    terms.pop();
  }
  return null;
}

/**
 * The X queries of a market: `hype.queries[id]` or `hype.queries[slug]` when set (several joined
 * with OR, as few requests as the length limit allows), else the derived one. Each is ≤ 512 characters;
 * a configured query longer than that is left out.
 */
export function marketQueries(market: QueryMarket, overrides: Readonly<Record<string, readonly string[]>>): string[] {
  const configured = overrides[market.id] ?? (market.slug ? overrides[market.slug] : undefined);
  if (!configured) {
    const q = deriveQuery(market);
    return q ? [q] : [];
  }
  const out: string[] = [];
  let current = '';
  for (const q of configured.map((s) => s.trim()).filter((s) => s && s.length <= X_QUERY_MAX)) {
    const joined = current ? `${wrap(current)} OR ${wrap(q)}` : q;
    if (joined.length <= X_QUERY_MAX) current = joined;
    else {
      out.push(current);
      current = q;
    }
  }
  if (current) out.push(current);
  return out;
}

/**
 * The query for /2/tweets/search/recent (texts for sentiment): English posts (VADER is English-only),
 * no retweets (a retweet repeats a text already counted). Unchanged when the query says otherwise
 * or would grow past the limit.
 */
export function searchQuery(query: string): string {
  let extra = '';
  if (!/\blang:/i.test(query)) extra += ' lang:en';
  if (!/\bis:retweet\b/i.test(query)) extra += ' -is:retweet';
  const out = `${wrap(query)}${extra}`;
  return extra && out.length <= X_QUERY_MAX ? out : query;
}

function wrap(q: string): string {
  return /\sOR\s/.test(q) && !/^\(.*\)$/.test(q) ? `(${q})` : q;
}

function quoteIfNeeded(term: string): string {
  if (term.startsWith('"')) return term;
  return /^[\p{L}\p{N}$]+$/u.test(term) ? term : `"${term.replace(/"/g, '')}"`;
}

/** Replaces runs of words that spell a multi-word tag with one quoted phrase. */
function groupTagPhrases(words: string[], tags: readonly string[]): string[] {
  const phrases = tags.map((t) => queryWords(t)).filter((p) => p.length > 1).sort((a, b) => b.length - a.length);
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    const phrase = phrases.find((p) => p.every((w, j) => words[i + j] === w));
    if (phrase) {
      out.push(`"${phrase.join(' ')}"`);
      i += phrase.length;
    } else out.push(words[i++]);
  }
  return out;
}
