import { checkEntities } from './parse-mode';

describe('checkEntities()', () => {
  it('should accept plain text without a parse mode', () => {
    expect(checkEntities('a < b. (really!)', undefined)).toBeNull();
  });

  describe('HTML', () => {
    it('should accept supported, well-nested tags', () => {
      expect(checkEntities('<b>BUY</b> <a href="https://x.y/?a=1&amp;b=2">market</a> <code>0.45</code>', 'HTML')).toBeNull();
    });

    it('should refuse unknown tags, unclosed tags and a bare <', () => {
      expect(checkEntities('<div>x</div>', 'HTML')).toMatch(/^Bad Request: can't parse entities: Unsupported start tag "div"/);
      expect(checkEntities('<b>x', 'HTML')).toMatch(/Can't find end tag corresponding to start tag "b"/);
      expect(checkEntities('price < 0.5', 'HTML')).toMatch(/Unsupported start tag "" at byte offset 6/);
      expect(checkEntities('<b><i>x</b></i>', 'HTML')).toMatch(/Unmatched end tag/);
    });
  });

  describe('MarkdownV2', () => {
    it('should accept escaped reserved characters, closed entities, code and links', () => {
      expect(checkEntities('*BUY* _now_ at 0\\.45 \\(\\+3%\\) `a.b-c` [link](https://x.y/a.b?c=d)', 'MarkdownV2')).toBeNull();
      expect(checkEntities('>quoted line', 'MarkdownV2')).toBeNull();
    });

    it('should refuse an unescaped reserved character, naming it', () => {
      expect(checkEntities('Price 0.45', 'MarkdownV2')).toBe("Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'");
      expect(checkEntities('up +3%', 'MarkdownV2')).toMatch(/Character '\+' is reserved/);
    });

    it('should refuse an unclosed entity', () => {
      expect(checkEntities('*bold', 'MarkdownV2')).toMatch(/Can't find end of Bold entity at byte offset 0/);
      expect(checkEntities('`code', 'MarkdownV2')).toMatch(/Can't find end of Code entity/);
    });
  });

  describe('Markdown', () => {
    it('should refuse an unclosed entity only', () => {
      expect(checkEntities('*bold* and 0.45 (ok)', 'Markdown')).toBeNull();
      expect(checkEntities('snake_case', 'Markdown')).toMatch(/Can't find end of the entity starting at byte offset 5/);
    });
  });
});
