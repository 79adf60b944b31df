import { VaderAnalyzer } from './vader';
import { VADER_EMOJI_LEXICON } from './vader-emoji-lexicon';
import { parseEmojiLexicon, parseLexicon } from './vader-lexicon';
import { VADER_WORD_LEXICON } from './vader-word-lexicon';

/**
 * The analyzer, built on first use and kept: the lexicons are parsed once, and services that import
 * this lib without scoring texts do not pay for them.
 */
let vader: VaderAnalyzer | undefined;
const analyzer = (): VaderAnalyzer =>
  (vader ??= new VaderAnalyzer(parseLexicon(VADER_WORD_LEXICON), parseEmojiLexicon(VADER_EMOJI_LEXICON)));

/**
 * VADER scores of one text (Hutto & Gilbert 2014), as the reference vaderSentiment 3.3.2 computes
 * them: `neg`/`neu`/`pos` are the shares of the text that are negative, neutral, positive (sum ≈ 1,
 * three decimals); `compound` is the normalized, weighted sum in [-1, 1] (four decimals).
 */
export interface SentimentScores {
  readonly neg: number;
  readonly neu: number;
  readonly pos: number;
  readonly compound: number;
}

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

const EMPTY: SentimentScores = Object.freeze({ neg: 0, neu: 0, pos: 0, compound: 0 });

/**
 * VADER sentiment of one text. Pure and synchronous. A text without words (empty, blanks,
 * non-strings) scores all zeros, as VADER does for an empty sentence.
 */
export function scoreSentiment(text: string): SentimentScores {
  if (typeof text !== 'string') return EMPTY;
  return analyzer().polarityScores(text);
}

/** Mean VADER compound of the texts, in [-1, 1]; 0 (neutral) when there are none. */
export function meanCompound(texts: readonly string[]): number {
  if (texts.length === 0) return 0;
  let sum = 0;
  for (const t of texts) sum += scoreSentiment(t).compound;
  return sum / texts.length;
}

/** VADER's customary thresholds: compound ≥ 0.05 positive, ≤ -0.05 negative, neutral between. */
export function sentimentLabel(compound: number): SentimentLabel {
  if (compound >= 0.05) return 'positive';
  if (compound <= -0.05) return 'negative';
  return 'neutral';
}
