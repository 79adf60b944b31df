import { VaderAnalyzer } from './vader';
import { VADER_EMOJI_LEXICON } from './vader-emoji-lexicon';
import { parseEmojiLexicon, parseLexicon } from './vader-lexicon';
import { VADER_WORD_LEXICON } from './vader-word-lexicon';

describe('parseLexicon()', () => {
  it('should read token and mean valence and let a later duplicate win', () => {
    expect([...parseLexicon(['good\t1.9', 'lol\t2.9', 'lol\t1.8'])]).toEqual([['good', 1.9], ['lol', 1.8]]);
  });

  it('should name the entry and its content when an entry is malformed', () => {
    expect(() => parseLexicon(['good\t1.9', 'bad -2.5'])).toThrow('vader lexicon entry 2: expected "token<TAB>valence", got "bad -2.5"');
    expect(() => parseLexicon(['good\tvery'])).toThrow('entry 1');
  });

  it("should hold VADER's lexicon: the mean valences of vader_lexicon.txt, duplicates resolved as VADER does", () => {
    const lex = parseLexicon(VADER_WORD_LEXICON);
    expect(lex.size).toBeGreaterThan(7400);
    expect([lex.get('good'), lex.get('lol'), lex.get(':)'), lex.get('sux'), lex.get('$:')]).toEqual([1.9, 1.8, 2.0, -1.5, -1.5]);
  });
});

describe('parseEmojiLexicon()', () => {
  it('should key the shipped emoji lexicon by code point', () => {
    const emojis = parseEmojiLexicon(VADER_EMOJI_LEXICON);
    expect(emojis.size).toBe(1212);
    expect(emojis.get(0x1f498)).toBe('heart with arrow');
    expect(emojis.get(0x1f970)).toBe('smiling face with 3 hearts'); // the emoji-test 11.0 name VADER uses
  });

  it('should reject an entry VADER could never match (more than one code point)', () => {
    expect(() => parseEmojiLexicon('👍🏽\tthumbs up: medium skin tone')).toThrow('vader emoji lexicon line 1');
  });
});

describe('VaderAnalyzer', () => {
  it('should find emoji of any plane, also when the lexicon has no BMP emoji', () => {
    const vader = new VaderAnalyzer(new Map([['happy', 2.7]]), new Map([[0x1f600, 'happy']]));
    expect(vader.polarityScores('so😀').compound).toBe(vader.polarityScores('so happy').compound);
    expect(vader.polarityScores('😀').compound).toBeGreaterThan(0);
  });
});
