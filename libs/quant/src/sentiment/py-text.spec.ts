import { codePointLength, isPyUpper, pyRound, splitPyWhitespace, stripPunctuationIfWord } from './py-text';

// Expected values are what CPython 3 prints for the same calls.
describe('pyRound()', () => {
  it("should round like Python's round(x, n): exact binary value, ties to even", () => {
    expect(pyRound(0.0625, 3)).toBe(0.062); // exact tie → even
    expect(pyRound(0.1875, 3)).toBe(0.188); // exact tie → even
    expect(pyRound(-0.0625, 3)).toBe(-0.062);
    expect(pyRound(0.03125, 4)).toBe(0.0312);
    expect(pyRound(2.675, 2)).toBe(2.67); // 2.675 is stored just below the tie
    expect(pyRound(0.00005, 4)).toBe(0.0001); // stored just above the tie
    expect(pyRound(1.5, 0)).toBe(2);
    expect(pyRound(0.5, 0)).toBe(0);
    expect(pyRound(123456789.0625, 3)).toBe(123456789.062); // large: the exact path
    expect(pyRound(98765.4321987, 4)).toBe(98765.4322);
    expect(Object.is(pyRound(-0.00001, 4), 0)).toBe(true); // Python gives -0.0; we return a plain 0
  });
});

describe('isPyUpper()', () => {
  it("should follow str.isupper(): some cased character, none lower or title case", () => {
    const cases: [string, boolean][] = [
      ['ABC', true], ['AbC', false], ['A1!', true], ['123', false], ['ÉTÉ', true], ['ß', false], ['ǅ', false],
      ['Ⓐ', true], ['ABC😀', true], ['😀', false], ['I', true], ['SUX!', true], ['İ', true],
    ];
    for (const [s, upper] of cases) expect([s, isPyUpper(s)]).toEqual([s, upper]);
  });
});

describe('splitPyWhitespace()', () => {
  it("should split like str.split(): Python's whitespace set, not JavaScript's", () => {
    expect(splitPyWhitespace('a\x1cb\x85c\ufeffd\u00a0e')).toEqual(['a', 'b', 'c\ufeffd', 'e']);
    expect(splitPyWhitespace('  one \t\n two  ')).toEqual(['one', 'two']);
    expect(splitPyWhitespace(' \u3000 ')).toEqual([]);
  });
});

describe('stripPunctuationIfWord()', () => {
  it('should strip string.punctuation from both ends unless two or fewer code points remain', () => {
    const cases: [string, string][] = [
      [':)', ':)'], ['"good",', 'good'], ['...', '...'], ['(a)', '(a)'], [':-D', ':-D'], ['"😁😁"', '"😁😁"'],
      ['"😁😁😁"', '😁😁😁'], ["isn't", "isn't"], ['--x--', '--x--'],
    ];
    for (const [token, out] of cases) expect([token, stripPunctuationIfWord(token)]).toEqual([token, out]);
  });

  it('should count code points, not UTF-16 units', () => {
    expect(codePointLength('😁😁')).toBe(2);
    expect(codePointLength('a\ud800')).toBe(2); // a lone surrogate is one code point
  });
});
