/**
 * VADER (Hutto & Gilbert 2014), a line-by-line port of the reference implementation vaderSentiment
 * 3.3.2 (`SentimentIntensityAnalyzer.polarity_scores`), including its quirks — they are part of the
 * published scores. Licence: ./VADER-LICENSE.txt. Design notes and evidence: docs/sentiment.md.
 */
import { isPyUpper, pyRound, splitPyWhitespace, stripPunctuationIfWord } from './py-text';

export interface VaderScores {
  readonly neg: number;
  readonly neu: number;
  readonly pos: number;
  readonly compound: number;
}

// Empirically derived constants of the reference.
const B_INCR = 0.293;
const B_DECR = -0.293;
const C_INCR = 0.733;
const N_SCALAR = -0.74;
const ALPHA = 15;

const NEGATE = new Set([
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt', "ain't", "aren't", "can't", "couldn't",
  "daren't", "didn't", "doesn't", 'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'mightnt', 'mustnt', 'neither', "don't",
  "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", 'neednt', "needn't", 'never', 'none', 'nope', 'nor',
  'not', 'nothing', 'nowhere', 'oughtnt', 'shant', 'shouldnt', 'uhuh', 'wasnt', 'werent', "oughtn't", "shan't",
  "shouldn't", 'uh-uh', "wasn't", "weren't", 'without', 'wont', 'wouldnt', "won't", "wouldn't", 'rarely', 'seldom',
  'despite',
]);

/** Booster (intensifier) and dampener words, plus the three multi-word ones checked as n-grams. */
const BOOSTER_DICT = new Map<string, number>([
  ...[
    'absolutely', 'amazingly', 'awfully', 'completely', 'considerable', 'considerably', 'decidedly', 'deeply', 'effing',
    'enormous', 'enormously', 'entirely', 'especially', 'exceptional', 'exceptionally', 'extreme', 'extremely',
    'fabulously', 'flipping', 'flippin', 'frackin', 'fracking', 'fricking', 'frickin', 'frigging', 'friggin', 'fully',
    'fuckin', 'fucking', 'fuggin', 'fugging', 'greatly', 'hella', 'highly', 'hugely', 'incredible', 'incredibly',
    'intensely', 'major', 'majorly', 'more', 'most', 'particularly', 'purely', 'quite', 'really', 'remarkably', 'so',
    'substantially', 'thoroughly', 'total', 'totally', 'tremendous', 'tremendously', 'uber', 'unbelievably', 'unusually',
    'utter', 'utterly', 'very',
  ].map((w): [string, number] => [w, B_INCR]),
  ...[
    'almost', 'barely', 'hardly', 'just enough', 'kind of', 'kinda', 'kindof', 'kind-of', 'less', 'little', 'marginal',
    'marginally', 'occasional', 'occasionally', 'partly', 'scarce', 'scarcely', 'slight', 'slightly', 'somewhat',
    'sort of', 'sorta', 'sortof', 'sort-of',
  ].map((w): [string, number] => [w, B_DECR]),
]);

/** Idioms and phrases that contain lexicon words; the phrase's valence replaces the word's. */
const SPECIAL_CASES = new Map<string, number>([
  ['the shit', 3], ['the bomb', 3], ['bad ass', 1.5], ['badass', 1.5], ['bus stop', 0.0], ['yeah right', -2],
  ['kiss of death', -1.5], ['to die for', 3], ['beating heart', 3.1], ['broken heart', -2.9],
]);

/** Every word of a multi-word SPECIAL_CASES or BOOSTER_DICT key: no other word can start a match. */
const IDIOM_WORDS = new Set(
  [...SPECIAL_CASES.keys(), ...BOOSTER_DICT.keys()].filter((k) => k.includes(' ')).flatMap((k) => k.split(' ')),
);

const ZERO: VaderScores = Object.freeze({ neg: 0, neu: 0, pos: 0, compound: 0 });

/** Lower-cased tokens with their lexicon valence and ALL-CAPS flag, computed once per text. */
interface Tokens {
  readonly lower: string[];
  readonly valence: (number | undefined)[];
  readonly upper: boolean[];
  readonly isCapDiff: boolean;
}

export class VaderAnalyzer {
  /** Lowest emoji code point (U+00A9 © for VADER's lexicon): lower code points are never looked up. */
  private readonly firstEmoji: number;
  /** Text whose UTF-16 units are all below this skips the emoji pass (surrogates count as high). */
  private readonly plainBelow: number;

  constructor(
    private readonly lexicon: ReadonlyMap<string, number>,
    private readonly emojis: ReadonlyMap<number, string>,
  ) {
    let first = Infinity;
    for (const cp of emojis.keys()) first = Math.min(first, cp);
    this.firstEmoji = first;
    this.plainBelow = Math.min(first, 0xd800);
  }

  /** neg/neu/pos (3 decimals) and compound (4 decimals) of `text`, as `polarity_scores` returns them. */
  polarityScores(text: string): VaderScores {
    const plain = this.describeEmojis(text);
    const words = splitPyWhitespace(plain).map(stripPunctuationIfWord);
    if (words.length === 0) return ZERO;
    const tokens = this.tokens(words);
    const { lower } = tokens;
    const sentiments: number[] = new Array<number>(lower.length);
    for (let i = 0; i < lower.length; i++) {
      const modifier = BOOSTER_DICT.has(lower[i]) || (i < lower.length - 1 && lower[i] === 'kind' && lower[i + 1] === 'of');
      sentiments[i] = modifier ? 0 : this.sentimentValence(tokens, i);
    }
    butCheck(lower, sentiments);
    return scoreValence(sentiments, plain);
  }

  /** Replaces each emoji code point by its description, spaced off from a preceding non-space. */
  private describeEmojis(text: string): string {
    let i = 0;
    while (i < text.length && text.charCodeAt(i) < this.plainBelow) i++;
    if (i === text.length) return text;
    let out = text.slice(0, i);
    let prevSpace = i === 0 || text.charCodeAt(i - 1) === 0x20;
    while (i < text.length) {
      const cp = text.codePointAt(i) as number;
      const width = cp > 0xffff ? 2 : 1;
      const description = cp >= this.firstEmoji ? this.emojis.get(cp) : undefined;
      if (description !== undefined) {
        out += prevSpace ? description : ` ${description}`;
        prevSpace = false;
      } else {
        out += text.slice(i, i + width);
        prevSpace = cp === 0x20;
      }
      i += width;
    }
    return out; // VADER also strips it: the whitespace split ignores edge whitespace anyway
  }

  private tokens(words: string[]): Tokens {
    const n = words.length;
    const lower = new Array<string>(n);
    const valence = new Array<number | undefined>(n);
    const upper = new Array<boolean>(n);
    let caps = 0;
    for (let i = 0; i < n; i++) {
      lower[i] = words[i].toLowerCase();
      valence[i] = this.lexicon.get(lower[i]);
      upper[i] = isPyUpper(words[i]);
      if (upper[i]) caps++;
    }
    return { lower, valence, upper, isCapDiff: caps > 0 && caps < n };
  }

  /** `sentiment_valence`: the word's lexicon valence adjusted by the rules that look back 3 words. */
  private sentimentValence(t: Tokens, i: number): number {
    const { lower, upper } = t;
    const base = t.valence[i];
    if (base === undefined) return 0;
    let valence = base;
    // "no" before another lexicon word negates that word instead of counting itself
    if (lower[i] === 'no' && i !== lower.length - 1 && t.valence[i + 1] !== undefined) valence = 0.0;
    if (
      (i > 0 && lower[i - 1] === 'no') ||
      (i > 1 && lower[i - 2] === 'no') ||
      (i > 2 && lower[i - 3] === 'no' && (lower[i - 1] === 'or' || lower[i - 1] === 'nor'))
    ) {
      valence = base * N_SCALAR;
    }
    if (upper[i] && t.isCapDiff) valence = valence > 0 ? valence + C_INCR : valence - C_INCR;
    for (let startI = 0; startI < 3; startI++) {
      const j = i - (startI + 1);
      if (i > startI && t.valence[j] === undefined) {
        let s = scalarIncDec(lower[j], upper[j], valence, t.isCapDiff);
        if (startI === 1 && s !== 0) s = s * 0.95;
        if (startI === 2 && s !== 0) s = s * 0.9;
        valence = valence + s;
        valence = negationCheck(valence, lower, startI, i);
        if (startI === 2) valence = specialIdiomsCheck(valence, lower, i);
      }
    }
    return leastCheck(valence, t, i);
  }
}

/** Booster/dampener effect of the word before a sentiment word (sign follows the valence). */
function scalarIncDec(word: string, wordIsUpper: boolean, valence: number, isCapDiff: boolean): number {
  const boost = BOOSTER_DICT.get(word);
  if (boost === undefined) return 0.0;
  let scalar = boost;
  if (valence < 0) scalar *= -1;
  if (wordIsUpper && isCapDiff) scalar = valence > 0 ? scalar + C_INCR : scalar - C_INCR;
  return scalar;
}

const isNegated = (word: string): boolean => NEGATE.has(word) || word.includes("n't");

/** `_negation_check` for the word `startI + 1` places before `i` ("never so/this" boosts instead). */
function negationCheck(valence: number, w: string[], startI: number, i: number): number {
  if (startI === 0) {
    if (isNegated(w[i - 1])) valence = valence * N_SCALAR;
  } else if (startI === 1) {
    const withoutDoubt = w[i - 2] === 'without' && w[i - 1] === 'doubt'; // left as is
    if (w[i - 2] === 'never' && (w[i - 1] === 'so' || w[i - 1] === 'this')) valence = valence * 1.25;
    else if (!withoutDoubt && isNegated(w[i - 2])) valence = valence * N_SCALAR;
  } else if (startI === 2) {
    // precedence as in the reference: (never and (so|this) 2 back) or ((so|this) 1 back)
    const withoutDoubt = w[i - 3] === 'without' && (w[i - 2] === 'doubt' || w[i - 1] === 'doubt'); // left as is
    if ((w[i - 3] === 'never' && (w[i - 2] === 'so' || w[i - 2] === 'this')) || w[i - 1] === 'so' || w[i - 1] === 'this') {
      valence = valence * 1.25;
    } else if (!withoutDoubt && isNegated(w[i - 3])) valence = valence * N_SCALAR;
  }
  return valence;
}

/** `_special_idioms_check` (only reached with i ≥ 3): idioms around the word, then n-gram boosters. */
function specialIdiomsCheck(valence: number, w: string[], i: number): number {
  const last = Math.min(w.length - 1, i + 2);
  let relevant = false;
  for (let k = i - 3; k <= last && !relevant; k++) relevant = IDIOM_WORDS.has(w[k]);
  if (!relevant) return valence;
  const oneZero = `${w[i - 1]} ${w[i]}`;
  const twoOneZero = `${w[i - 2]} ${w[i - 1]} ${w[i]}`;
  const twoOne = `${w[i - 2]} ${w[i - 1]}`;
  const threeTwoOne = `${w[i - 3]} ${w[i - 2]} ${w[i - 1]}`;
  const threeTwo = `${w[i - 3]} ${w[i - 2]}`;
  for (const seq of [oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo]) {
    const v = SPECIAL_CASES.get(seq);
    if (v !== undefined) {
      valence = v;
      break;
    }
  }
  if (w.length - 1 > i) valence = SPECIAL_CASES.get(`${w[i]} ${w[i + 1]}`) ?? valence;
  if (w.length - 1 > i + 1) valence = SPECIAL_CASES.get(`${w[i]} ${w[i + 1]} ${w[i + 2]}`) ?? valence;
  for (const nGram of [threeTwoOne, threeTwo, twoOne]) {
    const boost = BOOSTER_DICT.get(nGram);
    if (boost !== undefined) valence = valence + boost;
  }
  return valence;
}

/** `_least_check`: "least X" negates X, except in "at least" and "very least". */
function leastCheck(valence: number, t: Tokens, i: number): number {
  const w = t.lower;
  if (i > 1 && t.valence[i - 1] === undefined && w[i - 1] === 'least') {
    if (w[i - 2] !== 'at' && w[i - 2] !== 'very') valence = valence * N_SCALAR;
  } else if (i > 0 && t.valence[i - 1] === undefined && w[i - 1] === 'least') {
    valence = valence * N_SCALAR;
  }
  return valence;
}

/**
 * `_but_check`: halves the sentiments before the first "but", multiplies those after by 1.5. The
 * reference finds each element by value (`list.index`) while it rewrites the list, so an element
 * equal to an earlier, already rewritten one changes that one again instead — reproduced as is.
 */
function butCheck(lower: string[], sentiments: number[]): void {
  const bi = lower.indexOf('but');
  if (bi < 0) return;
  for (let k = 0; k < sentiments.length; k++) {
    const sentiment = sentiments[k];
    const si = sentiments.indexOf(sentiment);
    if (si < bi) sentiments[si] = sentiment * 0.5;
    else if (si > bi) sentiments[si] = sentiment * 1.5;
  }
}

/** Emphasis of "!" (up to 4) and "?" (2–3 each, 4+ capped) for the whole text. */
function punctuationEmphasis(text: string): number {
  let ep = 0;
  let qm = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x21) ep++;
    else if (c === 0x3f) qm++;
  }
  const epAmplifier = Math.min(ep, 4) * 0.292;
  const qmAmplifier = qm > 1 ? (qm <= 3 ? qm * 0.18 : 0.96) : 0;
  return epAmplifier + qmAmplifier;
}

const normalize = (score: number): number => Math.max(-1, Math.min(1, score / Math.sqrt(score * score + ALPHA)));

/** `score_valence`: compound from the sum, neg/neu/pos from the shares of each sign. */
function scoreValence(sentiments: number[], text: string): VaderScores {
  let sum = 0;
  for (const s of sentiments) sum += s;
  const punct = punctuationEmphasis(text);
  if (sum > 0) sum += punct;
  else if (sum < 0) sum -= punct;
  const compound = normalize(sum);

  let posSum = 0.0;
  let negSum = 0.0;
  let neuCount = 0;
  for (const s of sentiments) {
    if (s > 0) posSum += s + 1; // + 1 compensates for neutral words counted as 1
    if (s < 0) negSum += s - 1;
    if (s === 0) neuCount += 1;
  }
  if (posSum > Math.abs(negSum)) posSum += punct;
  else if (posSum < Math.abs(negSum)) negSum -= punct;
  const total = posSum + Math.abs(negSum) + neuCount;
  return {
    neg: pyRound(Math.abs(negSum / total), 3),
    neu: pyRound(Math.abs(neuCount / total), 3),
    pos: pyRound(Math.abs(posSum / total), 3),
    compound: pyRound(compound, 4),
  };
}
