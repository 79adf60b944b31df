/**
 * Words of market questions and news texts, shared by the X query builder and the news matcher.
 * Function words are dropped; words that carry the market's meaning (names, verbs, numbers,
 * comparatives such as "above" or "more") are kept.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'will', 'would', 'shall', 'should', 'can', 'could', 'might', 'must', 'be', 'been', 'being', 'is', 'are', 'was', 'were',
  'am', 'do', 'does', 'did', 'has', 'have', 'had', 'by', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'with', 'as', 'and', 'or', 'nor', 'but',
  'if', 'then', 'than', 'that', 'this', 'these', 'those', 'it', 'its', 'his', 'her', 'their', 'there', 'any', 'some', 'into', 'onto', 'upon',
  'who', 'whom', 'whose', 'which', 'what', 'when', 'where', 'how', 'why', 'before', 'after', 'during', 'until', 'through', 'yes', 'no',
]);

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DATE = `(?:(?:the\\s+)?end\\s+of\\s+(?:the\\s+)?(?:year|month|week|${MONTH}|\\d{4})(?:,?\\s+\\d{4})?|${MONTH}(?:\\s+\\d{1,2}(?:st|nd|rd|th)?)?(?:,?\\s+\\d{4})?|q[1-4](?:\\s+\\d{4})?|\\d{4}(?:-\\d{2}-\\d{2})?)`;
/** A trailing deadline: "by June 30", "before 2027", "in Q3 2025", "by the end of 2025", "by December 31, 2025". */
const TRAILING_DATE = new RegExp(`\\s+(?:by|before|on|in|after|until|through|at|during)\\s+${DATE}\\s*$`, 'i');

/** The question without leading/trailing punctuation ("Will …?" → "…"), as plain text. */
export function questionBody(question: string): string {
  return question.trim().replace(/[?!.\s]+$/u, '');
}

/** The question without its trailing deadline: what the event is about, whatever the date. */
export function withoutDeadline(question: string): string {
  return questionBody(question).replace(TRAILING_DATE, '');
}

/**
 * Query words: lower case, split on whitespace, surrounding punctuation stripped; a leading `$`
 * only survives as a cashtag (`$BTC`), so "$50M" reads "50m"; inner `-`, `.`, `'`, `%` stay.
 */
export function queryWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/\s+/u)) {
    let w = raw.replace(/^[^\p{L}\p{N}$#@]+|[^\p{L}\p{N}%]+$/gu, '');
    if (/^\$\p{N}/u.test(w) || /^[#@]/.test(w)) w = w.slice(1);
    w = w.replace(/^[^\p{L}\p{N}$]+/u, '');
    if (w && !STOP_WORDS.has(w)) out.push(w);
  }
  return out;
}

/** Matching words: lower case, split on anything that is not a letter or digit ("all-time" → all, time). */
export function matchWords(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** matchWords without the function words: what a text must contain to be about a market. */
export function contentWords(text: string): string[] {
  return matchWords(text).filter((w) => !STOP_WORDS.has(w));
}
