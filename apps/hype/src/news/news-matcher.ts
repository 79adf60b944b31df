import type { MarketRecord } from '@polytrader/persistence';
import { contentWords, matchWords, withoutDeadline } from '../queries/text-terms';

export type MatchMarket = Pick<MarketRecord, 'id' | 'question'>;

/**
 * Which markets a news item is about. A market's keywords are the content words of its question
 * without the deadline ("Will Bitcoin hit a new all-time high by June 30?" → bitcoin, hit, new, all,
 * time, high); an item matches when its title, summary and categories contain every one of them.
 * So an article about an event matches every market of its date ladder — news about the event
 * concerns them all. Markets with fewer than two keywords are never matched (too vague).
 */
export class NewsMatcher {
  /** rarest-first keyword lists, indexed by their first (rarest) word */
  private readonly byWord = new Map<string, { id: string; words: string[] }[]>();

  constructor(markets: readonly MatchMarket[]) {
    const lists = markets.map((m) => ({ id: m.id, words: [...new Set(contentWords(withoutDeadline(m.question)))] })).filter((k) => k.words.length >= 2);
    const df = new Map<string, number>();
    for (const k of lists) for (const w of k.words) df.set(w, (df.get(w) ?? 0) + 1);
    for (const k of lists) {
      k.words.sort((a, b) => df.get(a)! - df.get(b)! || a.localeCompare(b));
      const list = this.byWord.get(k.words[0]) ?? [];
      list.push(k);
      this.byWord.set(k.words[0], list);
    }
  }

  /** Ids of the markets the text is about, sorted. */
  match(...texts: readonly string[]): string[] {
    const words = new Set(texts.flatMap(matchWords));
    const out: string[] = [];
    for (const w of words) {
      for (const k of this.byWord.get(w) ?? []) if (k.words.every((x) => words.has(x))) out.push(k.id);
    }
    return out.sort();
  }
}
