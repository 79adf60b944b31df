/**
 * The few Python string semantics VADER's scores depend on, reproduced exactly: `str.split()`
 * whitespace, `str.strip(string.punctuation)`, `len()` in code points, `str.isupper()` and
 * `round(x, n)`. Hot paths work on char codes and allocate nothing.
 */

/** `str.isspace()` for one UTF-16 code unit (every such character is in the BMP). */
export function isPyWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/** `string.punctuation`: !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~ */
const PUNCTUATION = new Uint8Array(128);
for (const ch of '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~') PUNCTUATION[ch.charCodeAt(0)] = 1;

const isPunctuation = (c: number): boolean => c < 128 && PUNCTUATION[c] === 1;

/** `len(s)` in Python: code points, not UTF-16 units. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * VADER's `_strip_punc_if_word`: strips leading and trailing ASCII punctuation, unless at most two
 * characters would be left (then the token is likely an emoticon such as ":)" and stays whole).
 */
export function stripPunctuationIfWord(token: string): string {
  let a = 0;
  let b = token.length;
  while (a < b && isPunctuation(token.charCodeAt(a))) a++;
  while (b > a && isPunctuation(token.charCodeAt(b - 1))) b--;
  if (a === 0 && b === token.length) return token;
  const len = b - a;
  if (len <= 2) return token;
  const stripped = token.slice(a, b);
  if (len <= 4 && codePointLength(stripped) <= 2) return token; // ≤ 4 units may be ≤ 2 astral code points
  return stripped;
}

/** `text.split()` (no argument) in Python: runs of Unicode whitespace separate, empty parts dropped. */
export function splitPyWhitespace(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isPyWhitespace(text.charCodeAt(i))) {
      if (start >= 0) {
        out.push(text.slice(start, i));
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(text.slice(start));
  return out;
}

/**
 * `str.isupper()`: at least one cased character and no lower- or titlecase one. ASCII is decided
 * by char codes; other text by case mapping (a character that changes under toUpperCase() is lower
 * or title case; one that changes only under toLowerCase() is upper case).
 */
export function isPyUpper(s: string): boolean {
  let upper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return s === s.toUpperCase() && s !== s.toLowerCase();
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 0x41 && c <= 0x5a) upper = true;
  }
  return upper;
}

/**
 * Python 3 `round(x, digits)`: the decimal nearest to the exact binary value of `x`, ties (only
 * possible when `x` is a multiple of 2^-(digits+1)) to even. Values clearly away from a tie take a
 * cheap path; near one, exact ties are settled here and the rest by `toFixed` (exact, but it breaks
 * ties away from zero).
 */
export function pyRound(x: number, digits: number): number {
  const scale = 10 ** digits;
  const y = x * scale; // below 2^20 its rounding error is < 2^-33, far inside the 1e-7 margin below
  const floor = Math.floor(y);
  const frac = y - floor;
  // clearly away from a tie: the nearest decimal is certain (k / 10^n is then the same double Python parses)
  if (Math.abs(y) < 2 ** 20 && Math.abs(frac - 0.5) > 1e-7) return (frac < 0.5 ? floor : floor + 1) / scale + 0;
  const halves = x * 2 ** (digits + 1); // exact: a power-of-two scaling
  if (Number.isInteger(halves) && Math.abs(halves) < 2 ** 40) {
    const scaled = (halves * 5 ** digits) / 2; // exact: small integer × 5^digits, halved
    const whole = Math.floor(scaled);
    if (scaled - whole === 0.5) return (whole % 2 === 0 ? whole : whole + 1) / scale + 0;
  }
  return Number(x.toFixed(digits)) + 0; // + 0 turns -0 into 0
}
