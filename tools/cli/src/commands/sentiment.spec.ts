import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatScores, jsonScores, sentiment } from './sentiment';

describe('polytrader sentiment', () => {
  let out: string[];
  let err: string[];
  let dir: string;

  beforeEach(() => {
    out = [];
    err = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    dir = mkdtempSync(join(tmpdir(), 'sentiment-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('sentiment()', () => {
    it('should print the four numbers of a text', async () => {
      expect(await sentiment({ text: 'VADER is smart, handsome, and funny.' })).toBe(0);
      expect(out.join('')).toBe('compound  0.8316  neg 0.000  neu 0.254  pos 0.746  positive\n');
    });

    it('should print JSON with --json', async () => {
      await sentiment({ text: 'VADER is not smart, handsome, nor funny.', json: true });
      expect(JSON.parse(out.join(''))).toEqual({ neg: 0.646, neu: 0.354, pos: 0, compound: -0.7424 });
    });

    it('should score one text per line of a file, one output line per input line', async () => {
      const file = join(dir, 'texts.txt');
      writeFileSync(file, 'The book was good.\n\nToday SUX!\r\nAt least it isn\'t a horrible book.\n');
      expect(await sentiment({ file, json: true })).toBe(0);
      const lines = out.join('').trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.text, l.compound])).toEqual([
        ['The book was good.', 0.4404], ['', 0], ['Today SUX!', -0.5461], ["At least it isn't a horrible book.", 0.431],
      ]);
      out.length = 0;
      await sentiment({ file });
      expect(out.join('').trimEnd().split('\n')).toHaveLength(4);
    });

    it('should refuse no input, both inputs, and a missing file', async () => {
      expect(await sentiment({})).toBe(2);
      expect(await sentiment({ text: 'x', file: 'y' })).toBe(2);
      expect(await sentiment({ file: join(dir, 'nope.txt') })).toBe(1);
      expect(err.join('')).toMatch(/cannot read/);
    });
  });

  describe('formatScores() / jsonScores()', () => {
    it('should append the text when given', () => {
      const s = { neg: 0, neu: 1, pos: 0, compound: 0 };
      expect(formatScores(s, 'hello')).toBe('compound  0.0000  neg 0.000  neu 1.000  pos 0.000  neutral   hello');
      expect(jsonScores(s, 'hello')).toBe('{"neg":0,"neu":1,"pos":0,"compound":0,"text":"hello"}');
    });
  });
});
