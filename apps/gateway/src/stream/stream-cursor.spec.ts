import { CursorError, formatCursor, parseCursor } from './stream-cursor';
import { streamSources } from './stream-sources';

const known = new Set(['SIGNAL', 'RISK']);

describe('stream cursor', () => {
  it('should round-trip every stream position', () => {
    const cursor = new Map([['SIGNAL', 12], ['RISK', 40]]);
    expect(parseCursor(formatCursor(cursor), known)).toEqual(cursor);
  });

  it.each([
    ['SIGNAL', 'not a stream position (STREAM:seq), got "SIGNAL"'],
    ['SIGNAL:-1', 'got "SIGNAL:-1"'],
    ['SIGNAL:1,RISK:x', 'got "RISK:x"'],
    ['MARKET:3', 'unknown stream, got "MARKET"'],
  ])('should refuse %s naming the bad part', (text, message) => {
    expect(() => parseCursor(text, known)).toThrow(CursorError);
    expect(() => parseCursor(text, known)).toThrow(message);
  });

  it('should refuse an id too long to be one of ours', () => {
    expect(() => parseCursor('SIGNAL:1,'.repeat(200), known)).toThrow('longer than 1024');
  });
});

describe('streamSources', () => {
  it('should read MARKET filtered to cycle summaries only (snapshots are bulky) and the others whole', () => {
    const sources = streamSources();
    expect(sources).toContainEqual({ stream: 'MARKET', filter: 'market.cycle.completed' });
    expect(sources).toContainEqual({ stream: 'RISK' });
    expect(sources).toContainEqual({ stream: 'CONTROL' });
  });

  it('should refuse a subject no stream stores: it could not be resumed', () => {
    expect(() => streamSources(['system.heartbeat.risk'])).toThrow('not stored by any stream');
  });
});
