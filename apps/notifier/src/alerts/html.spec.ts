import { esc, fixed, listed, percent, signed } from './html';

describe('html', () => {
  describe('esc()', () => {
    it('should escape what Telegram HTML reserves, so any title parses as text (the e2e test sends one through the simulator parser)', () => {
      const title = 'Will "A&B" <Corp> hit $1 < 2? </b><i>';
      expect(esc(title)).toBe('Will &quot;A&amp;B&quot; &lt;Corp&gt; hit $1 &lt; 2? &lt;/b&gt;&lt;i&gt;');
      expect(esc(title)).not.toMatch(/[<>"]/);
    });
  });

  describe('fixed() and signed()', () => {
    it('should format numbers, with n/a for missing ones and no negative zero', () => {
      expect(fixed(0.4567, 3)).toBe('0.457');
      expect(fixed(null)).toBe('n/a');
      expect(fixed(NaN)).toBe('n/a');
      expect(signed(8.435)).toBe('+8.44');
      expect(signed(-3.1)).toBe('-3.10');
      expect(signed(-0.001)).toBe('0.00');
      expect(signed(0.001)).toBe('0.00');
      expect(signed(undefined)).toBe('n/a');
    });
  });

  describe('percent() and listed()', () => {
    it('should round shares and cut long lists', () => {
      expect(percent(0.724)).toBe('72%');
      expect(listed(['a', 'b', 'c'], 2)).toBe('a, b (+1 more)');
      expect(listed(['a'], 2)).toBe('a');
    });
  });
});
