/**
 * VADER's emoji lexicon (`emoji<TAB>description`), keyed by code point. VADER looks up one code point
 * at a time, so an entry of several code points could never match and is rejected here.
 */
export function parseEmojiLexicon(text: string): Map<number, string> {
  const emojis = new Map<number, string>();
  const lines = text.replace(/\n+$/, '').split('\n');
  for (let n = 0; n < lines.length; n++) {
    const [emoji, description] = lines[n].trim().split('\t');
    const cp = emoji?.codePointAt(0);
    if (cp === undefined || !description || String.fromCodePoint(cp) !== emoji) {
      throw new Error(`vader emoji lexicon line ${n + 1}: expected "<one code point><TAB>description", got ${JSON.stringify(lines[n])}`);
    }
    emojis.set(cp, description);
  }
  return emojis;
}

/**
 * VADER's word lexicon from `token<TAB>mean valence` entries, read like VADER's `make_lex_dict`
 * (a later duplicate wins — e.g. "lol" is listed at 2.9 and at 1.8, and 1.8 counts).
 */
export function parseLexicon(entries: readonly string[]): Map<string, number> {
  const lexicon = new Map<string, number>();
  for (let n = 0; n < entries.length; n++) {
    const [token, measure] = entries[n].trim().split('\t');
    const valence = Number(measure);
    if (!token || measure === undefined || measure.trim() === '' || !Number.isFinite(valence)) {
      throw new Error(`vader lexicon entry ${n + 1}: expected "token<TAB>valence", got ${JSON.stringify(entries[n])}`);
    }
    lexicon.set(token, valence);
  }
  return lexicon;
}
